package io.apogee.console.auth;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's accounts, kept in {@code <data dir>/users.json} (owner-only, rewritten atomically on each change).
 * On first start, when the file does not exist, it creates user {@code admin} with a random password and writes that
 * password to {@code initial-admin-password} beside it (owner-only): there is no default password.
 */
public final class UserStore {

    /** The account created on first start. */
    public static final String INITIAL_ADMIN = "admin";
    /** The file holding the initial admin's password. */
    public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final PasswordHasher hasher;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Path initialPasswordFile;
    /**
     * Verified against for an unknown user name, so that timing does not tell which names exist; made at the first
     * such login, not at start (a hash costs as much as a login).
     */
    private volatile String unknownUserHash;

    private UserStore(Path dir, PasswordHasher hasher) {
        this.file = dir.resolve("users.json");
        this.initialPasswordFile = dir.resolve(INITIAL_PASSWORD_FILE);
        this.hasher = hasher;
    }

    /**
     * Loads the accounts under {@code dir}, creating the directory, and the initial admin when there is no account
     * file yet.
     *
     * @throws IOException when the directory or a file cannot be read or written
     */
    public static UserStore open(Path dir, PasswordHasher hasher) throws IOException {
        Files.createDirectories(dir);
        UserStore store = new UserStore(dir, hasher);
        if (Files.exists(store.file)) {
            for (User user : JSON.parseArray(Files.readString(store.file), User.class)) {
                store.users.put(user.username(), user);
            }
        } else {
            String password = hasher.randomPassword(20);
            store.users.put(INITIAL_ADMIN, new User(INITIAL_ADMIN, Role.ADMIN, hasher.hash(password.toCharArray()),
                    System.currentTimeMillis()));
            writeOwnerOnly(store.initialPasswordFile, password + "\n");
            store.save();
        }
        return store;
    }

    /** Where the initial admin password was written (the file may since have been deleted). */
    public Path initialPasswordFile() {
        return initialPasswordFile;
    }

    /** The user whose name and password match, if any. */
    public Optional<User> authenticate(String username, char[] password) {
        User user;
        synchronized (this) {
            user = users.get(username);
        }
        // The slow hash runs outside the lock: logins of several users do not wait for each other.
        if (user == null) {
            hasher.verify(password, unknownUserHash());
            return Optional.empty();
        }
        return hasher.verify(password, user.passwordHash()) ? Optional.of(user) : Optional.empty();
    }

    private String unknownUserHash() {
        String hash = unknownUserHash;
        if (hash == null) {
            hash = hasher.hash(hasher.randomPassword(20).toCharArray());
            unknownUserHash = hash;
        }
        return hash;
    }

    /** Every account, by name. */
    public synchronized List<User> list() {
        List<User> all = new ArrayList<>(users.values());
        all.sort(Comparator.comparing(User::username));
        return all;
    }

    public synchronized Optional<User> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /**
     * Adds an account.
     *
     * @throws IllegalArgumentException naming what is wrong with the name or password, or that the name is taken
     */
    public synchronized User create(String username, Role role, char[] password) throws IOException {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (users.containsKey(username)) {
            throw new IllegalArgumentException("user " + username + " exists already");
        }
        checkPassword(password);
        User user = new User(username, role, hasher.hash(password), System.currentTimeMillis());
        users.put(username, user);
        save();
        return user;
    }

    /** Sets a new password; the initial-password file is deleted once the initial admin changed theirs. */
    public synchronized void changePassword(String username, char[] password) throws IOException {
        User user = users.get(username);
        if (user == null) {
            throw new IllegalArgumentException("no user " + username);
        }
        checkPassword(password);
        users.put(username, new User(username, user.role(), hasher.hash(password), user.created()));
        save();
        if (username.equals(INITIAL_ADMIN)) {
            Files.deleteIfExists(initialPasswordFile);
        }
    }

    /**
     * Removes an account; the last admin cannot be removed.
     *
     * @throws IllegalArgumentException when there is no such user or it is the last admin
     */
    public synchronized void delete(String username) throws IOException {
        User user = users.get(username);
        if (user == null) {
            throw new IllegalArgumentException("no user " + username);
        }
        if (user.role() == Role.ADMIN && users.values().stream().filter(u -> u.role() == Role.ADMIN).count() == 1) {
            throw new IllegalArgumentException("user " + username + " is the last admin: create another admin first");
        }
        users.remove(username);
        save();
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private void save() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        writeOwnerOnly(temp, JSON.toJSONString(list(), JSONWriter.Feature.PrettyFormat));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeOwnerOnly(Path path, String content) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
