package io.apogee.broker.acl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes plain_acl.yml in RocketMQ 4.9's layout ({@code globalWhiteRemoteAddresses}, {@code accounts},
 * {@code dataVersion}). Reading is strict where RocketMQ would fail later or silently: every problem is refused with
 * the place it is at ({@code accounts[1].topicPerms[0]}) and never with a secret key. Only plain YAML data is read
 * (no tags that build objects), with snakeyaml's limits on size, nesting and aliases.
 */
public final class PlainAclYaml {

    private static final int MIN_KEY_LENGTH = 7;
    private static final int MAX_ALIASES = 50;

    private PlainAclYaml() {
    }

    /**
     * Reads the file's text; an empty file is an empty config.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static PlainAclConfig parse(String text) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid YAML: " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("not valid YAML: nested too deeply");
        }
        if (root == null) {
            return new PlainAclConfig(List.of(), List.of(), 0, 0);
        }
        Map<?, ?> map = map(root, "the document");
        List<String> global = strings(map.get("globalWhiteRemoteAddresses"), "globalWhiteRemoteAddresses");
        for (int i = 0; i < global.size(); i++) {
            pattern(global.get(i), "globalWhiteRemoteAddresses[" + i + "]");
        }
        List<AclAccountConfig> accounts = new ArrayList<>();
        List<?> rawAccounts = list(map.get("accounts"), "accounts");
        for (int i = 0; i < rawAccounts.size(); i++) {
            AclAccountConfig account = account(map(rawAccounts.get(i), "accounts[" + i + "]"), "accounts[" + i + "]");
            if (accounts.stream().anyMatch(a -> a.accessKey().equals(account.accessKey()))) {
                throw new IllegalArgumentException("accounts[" + i + "]: accessKey " + account.accessKey()
                        + " is listed twice");
            }
            accounts.add(account);
        }
        long counter = 0;
        long timestamp = 0;
        List<?> versions = list(map.get("dataVersion"), "dataVersion");
        if (!versions.isEmpty()) {
            Map<?, ?> version = map(versions.get(0), "dataVersion[0]");
            counter = number(version.get("counter"), "dataVersion[0].counter");
            timestamp = number(version.get("timestamp"), "dataVersion[0].timestamp");
        }
        return new PlainAclConfig(global, accounts, counter, timestamp);
    }

    /**
     * Checks one account as the ACL admin requests and the file give it.
     *
     * @throws IllegalArgumentException naming the field ({@code where} prefixes it)
     */
    public static AclAccountConfig account(Map<?, ?> m, String where) {
        String accessKey = string(m.get("accessKey"), where + ".accessKey");
        String secretKey = string(m.get("secretKey"), where + ".secretKey");
        if (accessKey == null || accessKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(where + ": accessKey must be at least " + MIN_KEY_LENGTH
                    + " characters long");
        }
        if (secretKey == null || secretKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(where + " (accessKey " + accessKey + "): secretKey must be at least "
                    + MIN_KEY_LENGTH + " characters long");
        }
        String white = string(m.get("whiteRemoteAddress"), where + ".whiteRemoteAddress");
        pattern(white, where + ".whiteRemoteAddress");
        Object admin = m.get("admin");
        if (admin != null && !(admin instanceof Boolean)) {
            throw new IllegalArgumentException(where + ".admin: must be true or false, was " + admin);
        }
        AclAccountConfig account = new AclAccountConfig(accessKey, secretKey, white, Boolean.TRUE.equals(admin),
                perm(m.get("defaultTopicPerm"), where + ".defaultTopicPerm"),
                perm(m.get("defaultGroupPerm"), where + ".defaultGroupPerm"),
                strings(m.get("topicPerms"), where + ".topicPerms"),
                strings(m.get("groupPerms"), where + ".groupPerms"));
        resourcePerms(account.topicPerms(), where + ".topicPerms");
        resourcePerms(account.groupPerms(), where + ".groupPerms");
        return account;
    }

    /** Checks {@code name=PERM} entries. */
    private static void resourcePerms(List<String> entries, String where) {
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq != entry.lastIndexOf('=') || entry.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException(where + "[" + i + "]: '" + entry
                        + "' is not name=PERM (for example topicA=SUB)");
            }
            perm(entry.substring(eq + 1), where + "[" + i + "]");
        }
    }

    private static String perm(Object value, String where) {
        String name = string(value, where);
        if (name != null && !Permission.isName(name)) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not DENY, PUB, SUB or PUB|SUB");
        }
        return name;
    }

    private static void pattern(String value, String where) {
        try {
            AddressPattern.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** The file's text for {@code config}, in RocketMQ's layout. */
    public static String write(PlainAclConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("globalWhiteRemoteAddresses", config.globalWhiteRemoteAddresses());
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (AclAccountConfig a : config.accounts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accessKey", a.accessKey());
            m.put("secretKey", a.secretKey());
            putIfSet(m, "whiteRemoteAddress", a.whiteRemoteAddress());
            m.put("admin", a.admin());
            putIfSet(m, "defaultTopicPerm", a.defaultTopicPerm());
            putIfSet(m, "defaultGroupPerm", a.defaultGroupPerm());
            m.put("topicPerms", a.topicPerms());
            m.put("groupPerms", a.groupPerms());
            accounts.add(m);
        }
        root.put("accounts", accounts);
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("counter", config.counter());
        version.put("timestamp", config.timestamp());
        root.put("dataVersion", List.of(version));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return new Yaml(new Representer(options), options).dump(root);
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Map<?, ?> map(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(where + ": must be a mapping of keys to values, was " + kind(value));
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(where + ": must be a list, was " + kind(value));
    }

    private static List<String> strings(Object value, String where) {
        List<?> raw = list(value, where);
        List<String> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String s = string(raw.get(i), where + "[" + i + "]");
            if (s == null) {
                throw new IllegalArgumentException(where + "[" + i + "]: must not be empty");
            }
            out.add(s);
        }
        return out;
    }

    /** A scalar as text (YAML reads {@code 1234567} as a number); {@code null} stays null. */
    private static String string(Object value, String where) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException(where + ": must be a single value, was " + kind(value));
    }

    private static long number(Object value, String where) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(where + ": must be a whole number, was " + kind(value));
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value == null ? "empty" : "'" + value + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
