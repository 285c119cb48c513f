package io.apogee.common.message;

/** The consume-queue tag code: RocketMQ stores {@code String.hashCode()} of the tag, sign-extended, 0 without a tag. */
public final class TagHash {

    private TagHash() {
    }

    /** The tag code of {@code tag}; 0 for {@code null} or an empty tag. */
    public static long of(String tag) {
        return tag == null || tag.isEmpty() ? 0 : tag.hashCode();
    }
}
