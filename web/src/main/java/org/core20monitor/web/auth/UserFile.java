package org.core20monitor.web.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The local users: a JSON file of usernames, BCrypt password hashes, roles and ICBs, readable only by
 * its owner. There is no default password anywhere: when the file does not exist it is created with
 * one {@code admin} user whose one-time password is printed once, and which must be changed at the
 * first sign-in. Further users are added with {@code java -jar core20-web.jar users add …}, each
 * with its own printed one-time password. The file is re-read when it changes, so a user added
 * while the server runs can sign in without a restart.
 *
 * <p>Hashing is slow on purpose (BCrypt cost {@value #COST}): call from a worker thread.
 */
public final class UserFile {

    public static final int COST = 12;
    public static final int MIN_PASSWORD = 12;
    /** BCrypt reads at most 72 bytes; a longer password would silently lose its end. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final String FIRST_USER = "admin";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Letters and digits that cannot be confused when read off a screen. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** Compared against when the username is unknown, so that a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = BCrypt.hashpw("not a password of anyone", BCrypt.gensalt(COST));

    /** One user as stored. */
    public record Account(
            @JsonProperty("username") String username,
            @JsonProperty("password_hash") String passwordHash,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("icbs") List<String> icbs,
            @JsonProperty("must_change_password") boolean mustChangePassword) {

        public Grant grant() {
            return new Grant(username, Set.copyOf(roles), Set.copyOf(icbs));
        }
    }

    private record Users(@JsonProperty("users") List<Account> users) {}

    /** A change to the file that cannot be made; its message is for the person who asked. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final Path file;
    private List<Account> accounts;
    private FileTime readAt;

    private UserFile(Path file) {
        this.file = file;
    }

    /**
     * The user file at {@code file}; if there is none, a new one with the first admin, whose
     * one-time password goes to {@code announce} (the console), never to a log file.
     */
    public static UserFile open(Path file, java.util.function.Consumer<String> announce) {
        UserFile users = new UserFile(file);
        if (!Files.exists(file)) {
            String password = oneTimePassword();
            users.accounts = new ArrayList<>();
            users.accounts.add(new Account(FIRST_USER, BCrypt.hashpw(password, BCrypt.gensalt(COST)),
                    List.of(Grant.ADMIN, Grant.PROGRAMME_LEAD, Grant.VIEWER), List.of(Grant.ALL_ICBS), true));
            users.write();
            announce.accept("Created the user file " + file.toAbsolutePath() + " with the user '" + FIRST_USER
                    + "' and the one-time password " + password + " (you will be asked to choose a new one when you"
                    + " first sign in; this password is not shown again)");
        }
        users.reload();
        return users;
    }

    /** The account whose password this is, or empty; takes as long for an unknown user as for a wrong password. */
    public Optional<Account> verify(String username, String password) {
        // The slow hash runs outside the lock, so that sign-ins do not queue behind one another.
        Account account = find(username).orElse(null);
        if (password == null || password.isEmpty() || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > MAX_PASSWORD_BYTES) {
            BCrypt.checkpw("x", DUMMY_HASH);
            return Optional.empty();
        }
        boolean matches = BCrypt.checkpw(password, account == null ? DUMMY_HASH : account.passwordHash());
        return matches && account != null ? Optional.of(account) : Optional.empty();
    }

    public synchronized Optional<Account> find(String username) {
        reload();
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public synchronized List<Account> accounts() {
        reload();
        return List.copyOf(accounts);
    }

    /**
     * Sets a new password chosen by its user (who proved the current one). The two slow hashes run
     * outside the lock, which every request's look-up takes; only the write of the file holds it.
     */
    public void changePassword(String username, String current, String chosen) {
        verify(username, current).orElseThrow(() -> new Refused("the current password is not right"));
        List<String> problems = passwordProblems(username, chosen);
        if (!problems.isEmpty()) {
            throw new Refused(String.join("; ", problems));
        }
        if (chosen.equals(current)) {
            throw new Refused("choose a password different from the current one");
        }
        String hash = BCrypt.hashpw(chosen, BCrypt.gensalt(COST));
        synchronized (this) {
            // Roles and ICBs as they are now, in case an administrator changed them meanwhile.
            Account account = find(username).orElseThrow(() -> new Refused("there is no user " + username));
            replace(new Account(username, hash, account.roles(), account.icbs(), false));
        }
    }

    /** Adds a user with a one-time password, which is returned to be handed over once. */
    public synchronized String add(String username, List<String> roles, List<String> icbs) {
        reload();
        if (username == null || !username.matches("[A-Za-z0-9._@-]{2,64}")) {
            throw new Refused("a username is 2 to 64 letters, digits or . _ @ -");
        }
        if (find(username).isPresent()) {
            throw new Refused("there is already a user " + username);
        }
        List<String> problems = Grant.problems(roles, icbs);
        if (!problems.isEmpty()) {
            throw new Refused(String.join("; ", problems));
        }
        String password = oneTimePassword();
        accounts.add(new Account(username, BCrypt.hashpw(password, BCrypt.gensalt(COST)), List.copyOf(roles),
                List.copyOf(icbs), true));
        write();
        return password;
    }

    /** Gives a user a new one-time password (a forgotten password), returned to be handed over once. */
    public synchronized String reset(String username) {
        Account account = find(username).orElseThrow(() -> new Refused("there is no user " + username));
        String password = oneTimePassword();
        replace(new Account(username, BCrypt.hashpw(password, BCrypt.gensalt(COST)), account.roles(), account.icbs(), true));
        return password;
    }

    public synchronized void remove(String username) {
        reload();
        if (!accounts.removeIf(a -> a.username().equals(username))) {
            throw new Refused("there is no user " + username);
        }
        write();
    }

    /** Why a password cannot be chosen (NCSC guidance: length over complexity). */
    public static List<String> passwordProblems(String username, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN_PASSWORD) {
            problems.add("a password needs at least " + MIN_PASSWORD + " characters");
        } else if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add("a password can be at most " + MAX_PASSWORD_BYTES + " bytes long");
        } else if (password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
            problems.add("a password must not contain the username");
        } else if (password.chars().distinct().count() < 5) {
            problems.add("a password needs at least 5 different characters");
        }
        return problems;
    }

    static String oneTimePassword() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private void replace(Account account) {
        accounts.replaceAll(a -> a.username().equals(account.username()) ? account : a);
        write();
    }

    private void reload() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (accounts != null && modified.equals(readAt)) {
                return;
            }
            Users read = JSON.readValue(file.toFile(), Users.class);
            List<Account> loaded = new ArrayList<>(read.users() == null ? List.of() : read.users());
            for (Account a : loaded) {
                List<String> problems = Grant.problems(a.roles() == null ? List.of() : a.roles(),
                        a.icbs() == null ? List.of() : a.icbs());
                if (a.username() == null || a.passwordHash() == null || !problems.isEmpty()) {
                    throw new IllegalStateException("the user file " + file + " has a bad entry for '" + a.username()
                            + "': " + (problems.isEmpty() ? "username and password_hash are required" : problems));
                }
            }
            accounts = loaded;
            readAt = modified;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the user file " + file, e);
        }
    }

    /** Writes a new file beside the old one, owner-only, and moves it into place in one step. */
    private void write() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".core20-users", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps its directory's permissions.
            }
            JSON.writeValue(temp.toFile(), new Users(accounts));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            readAt = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user file " + file, e);
        }
    }
}
