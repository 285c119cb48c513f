package io.apogee.broker.acl;

import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's plain_acl.yml and the rules in force from it. {@link #reloadIfChanged} (polled by a service loop)
 * re-reads the file when its modification time or size changed; a file that no longer reads keeps the rules in
 * force and is logged once per change. ACL admin updates rewrite the file atomically and apply it at once; they
 * are serialized on this object, so two updates never lose each other's change.
 */
public final class PlainAclFile {

    /** Where the file is, relative to the home: RocketMQ's {@code -Drocketmq.acl.plain.file} (an absolute path too). */
    public static final String FILE_PROPERTY = "rocketmq.acl.plain.file";
    /** The file's default place under the home, as RocketMQ's. */
    public static final String DEFAULT_FILE = "conf/plain_acl.yml";

    private static final Logger LOG = LoggerFactory.getLogger(PlainAclFile.class);

    private final AtomicFile file;
    private volatile AclRules rules;
    /** Modification time and size of the file as last read (or written), to see a change. */
    private long seenModified;
    private long seenSize;

    private PlainAclFile(Path path, AclRules rules) {
        this.file = new AtomicFile(path);
        this.rules = rules;
    }

    /**
     * The default file: {@code -Drocketmq.acl.plain.file} (default {@code conf/plain_acl.yml}) under the home, which
     * is {@code -Drocketmq.home.dir}, else the installation ({@code -Dapogee.home}, set by {@code bin/} scripts), else
     * {@code ROCKETMQ_HOME}; an absolute file path needs no home.
     *
     * @throws IllegalStateException when the path is relative and no home is set
     */
    public static Path defaultPath() {
        Path file = Path.of(System.getProperty(FILE_PROPERTY, DEFAULT_FILE));
        if (file.isAbsolute()) {
            return file;
        }
        String home = System.getProperty("rocketmq.home.dir", System.getProperty("apogee.home",
                System.getenv("ROCKETMQ_HOME")));
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("aclEnable=true but no home to find " + file + " under: set "
                    + "-Drocketmq.home.dir or ROCKETMQ_HOME, or -D" + FILE_PROPERTY + "=<absolute path>");
        }
        return Path.of(home).resolve(file);
    }

    /**
     * Reads {@code path}.
     *
     * @throws IOException when the file is missing or unreadable, or does not parse (the message says where)
     */
    public static PlainAclFile load(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new IOException("aclEnable=true but the ACL file " + path + " does not exist (copy conf/plain_acl.yml"
                    + " there and change its keys, or set -D" + FILE_PROPERTY + ")", e);
        }
        PlainAclFile loaded = new PlainAclFile(path, AclRules.of(parse(path, text)));
        loaded.remember();
        return loaded;
    }

    private static PlainAclConfig parse(Path path, String text) throws IOException {
        try {
            return PlainAclYaml.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("ACL file " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return file.path();
    }

    AclRules rules() {
        return rules;
    }

    /** The content in force. */
    public PlainAclConfig config() {
        return rules.config();
    }

    /** The validator that decides requests by the rules in force at each request. */
    public AccessValidator validator() {
        return new AccessValidator(this::rules);
    }

    /** Re-reads the file if it changed since last read; returns whether new rules are in force. */
    public synchronized boolean reloadIfChanged() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path(), BasicFileAttributes.class);
        } catch (IOException e) {
            if (seenSize != -1) {
                LOG.error("ACL file {} cannot be read ({}): the rules in force stay", path(), e.toString());
                seenSize = -1;
            }
            return false;
        }
        if (attrs.lastModifiedTime().toMillis() == seenModified && attrs.size() == seenSize) {
            return false;
        }
        seenModified = attrs.lastModifiedTime().toMillis();
        seenSize = attrs.size();
        try {
            PlainAclConfig next = parse(path(), Files.readString(path()));
            rules = AclRules.of(next);
            LOG.info("ACL file {} reloaded: {} account(s), {} global white address(es), version {}", path(),
                    next.accounts().size(), next.globalWhiteRemoteAddresses().size(), next.counter());
            return true;
        } catch (IOException e) {
            LOG.error("ACL file {} changed but is refused, the rules in force stay: {}", path(), e.getMessage());
            return false;
        }
    }

    /** Writes {@code change} of the content in force to the file and puts it in force. */
    synchronized PlainAclConfig update(UnaryOperator<PlainAclConfig> change) throws IOException {
        reloadIfChanged();
        PlainAclConfig next = change.apply(rules.config());
        AclRules compiled = AclRules.of(next);
        file.write(PlainAclYaml.write(next));
        rules = compiled;
        remember();
        return next;
    }

    /** Records the file's current modification time and size as seen. */
    private void remember() throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path(), BasicFileAttributes.class);
        seenModified = attrs.lastModifiedTime().toMillis();
        seenSize = attrs.size();
    }

    /** Every access key in force, for the start-up line. */
    public List<String> accessKeys() {
        return rules.config().accounts().stream().map(AclAccountConfig::accessKey).toList();
    }
}
