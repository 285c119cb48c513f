package io.apogee.common.protocol;

/** The sender's implementation language: by name in JSON headers, by byte code in binary headers. */
public enum LanguageCode {
    JAVA(0), CPP(1), DOTNET(2), PYTHON(3), DELPHI(4), ERLANG(5), RUBY(6), OTHER(7), HTTP(8), GO(9), PHP(10),
    OMS(11), RUST(12);

    private static final LanguageCode[] BY_CODE = new LanguageCode[13];

    static {
        for (LanguageCode l : values()) {
            BY_CODE[l.code] = l;
        }
    }

    private final byte code;

    LanguageCode(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The language for a binary-header byte; unknown bytes read as {@link #OTHER}. */
    public static LanguageCode fromCode(byte code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The language for a JSON-header name; unknown names read as {@link #OTHER}. */
    public static LanguageCode fromName(String name) {
        for (LanguageCode l : values()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return OTHER;
    }
}
