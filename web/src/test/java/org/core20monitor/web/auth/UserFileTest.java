package org.core20monitor.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local user file: created on first run with a printed one-time password, never a default one. */
class UserFileTest {

    @TempDir
    Path dir;

    @Test
    void theFirstRunCreatesAnAdminWithAOneTimePasswordPrintedOnce() throws Exception {
        Path file = dir.resolve("users.json");
        List<String> printed = new ArrayList<>();
        UserFile users = UserFile.open(file, printed::add);

        assertThat(printed).hasSize(1);
        Matcher m = Pattern.compile("one-time password (\\S+) ").matcher(printed.get(0));
        assertThat(m.find()).as(printed.get(0)).isTrue();
        String password = m.group(1);
        assertThat(password).hasSize(20);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain(password).contains("\"password_hash\" : \"$2a$12$");

        UserFile.Account admin = users.verify("admin", password).orElseThrow();
        assertThat(admin.mustChangePassword()).isTrue();
        assertThat(admin.grant().has(Grant.ADMIN)).isTrue();
        assertThat(admin.grant().allIcbs()).isTrue();
        assertThat(users.verify("admin", password + "x")).isEmpty();
        assertThat(users.verify("nobody", password)).isEmpty();

        // A second start finds the file and prints nothing; a second first run would give another password.
        List<String> again = new ArrayList<>();
        UserFile.open(file, again::add);
        assertThat(again).isEmpty();
        String other = UserFile.oneTimePassword();
        assertThat(other).isNotEqualTo(password).hasSize(20);
    }

    @Test
    void usersAreAddedResetAndRemovedWithTheirOwnOneTimePasswords() throws Exception {
        UserFile users = UserFile.open(dir.resolve("users.json"), line -> {});
        String first = users.add("jo.bloggs", List.of("viewer"), List.of("QWE", "QHL"));
        UserFile.Account jo = users.verify("jo.bloggs", first).orElseThrow();
        assertThat(jo.grant().icbs()).containsExactlyInAnyOrder("QWE", "QHL");
        assertThat(jo.mustChangePassword()).isTrue();

        users.changePassword("jo.bloggs", first, "my own long passphrase");
        assertThat(users.verify("jo.bloggs", "my own long passphrase").orElseThrow().mustChangePassword()).isFalse();
        String reset = users.reset("jo.bloggs");
        assertThat(users.verify("jo.bloggs", "my own long passphrase")).isEmpty();
        assertThat(users.verify("jo.bloggs", reset).orElseThrow().mustChangePassword()).isTrue();

        assertThatThrownBy(() -> users.add("jo.bloggs", List.of("viewer"), List.of("QWE")))
                .hasMessageContaining("already a user");
        assertThatThrownBy(() -> users.add("x y", List.of("viewer"), List.of("QWE"))).hasMessageContaining("username");
        assertThatThrownBy(() -> users.add("sam", List.of("boss"), List.of("qwe")))
                .hasMessageContaining("unknown role 'boss'").hasMessageContaining("'qwe' is not a 3-character ICB code");
        assertThatThrownBy(() -> users.add("sam", List.of(), List.of())).hasMessageContaining("at least one role")
                .hasMessageContaining("at least one ICB");

        // Another process (the users command) changing the file is seen without a restart.
        UserFile.open(dir.resolve("users.json"), line -> {}).remove("jo.bloggs");
        assertThat(users.find("jo.bloggs")).isEmpty();
        assertThatThrownBy(() -> users.remove("jo.bloggs")).hasMessageContaining("no user");
    }

    @Test
    void passwordRulesFavourLength() {
        assertThat(UserFile.passwordProblems("jo", "short")).containsExactly("a password needs at least 12 characters");
        assertThat(UserFile.passwordProblems("jo", "aaaaaaaaaaaaaaaa")).containsExactly("a password needs at least 5 different characters");
        assertThat(UserFile.passwordProblems("jo.bloggs", "I am JO.BLOGGS really")).containsExactly("a password must not contain the username");
        assertThat(UserFile.passwordProblems("jo", "é".repeat(40))).containsExactly("a password can be at most 72 bytes long");
        assertThat(UserFile.passwordProblems("jo", "correct horse battery staple")).isEmpty();
    }

    @Test
    void aMalformedFileIsRefusedWithItsProblem() throws Exception {
        Path file = dir.resolve("users.json");
        Files.writeString(file, "{\"users\":[{\"username\":\"x\",\"password_hash\":\"$2a$04$abc\",\"roles\":[\"root\"],"
                + "\"icbs\":[\"QWE\"],\"must_change_password\":false}]}");
        assertThatThrownBy(() -> UserFile.open(file, line -> {})).hasMessageContaining("unknown role 'root'");
    }
}
