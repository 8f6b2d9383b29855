package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.core20monitor.web.auth.UserFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users add|list|reset|remove} on a real user file, as an administrator would run it. */
class UsersCommandTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = UsersCommand.run(args, Map.of("USERS_FILE", dir.resolve("users.json").toString()),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void addsListsResetsAndRemovesUsers() {
        assertThat(run("add", "jo.bloggs", "--roles", "viewer,programme_lead", "--icbs", "QWE,QHL")).isZero();
        assertThat(out).contains("Created the user file").contains("'admin'");
        Matcher m = Pattern.compile("Added jo.bloggs with the one-time password (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        UserFile users = UserFile.open(dir.resolve("users.json"), line -> {});
        assertThat(users.verify("jo.bloggs", m.group(1))).isPresent();

        assertThat(run("list")).isZero();
        assertThat(out).contains("jo.bloggs\troles=viewer,programme_lead\ticbs=QWE,QHL\t(one-time password not yet changed)")
                .contains("admin\troles=admin,programme_lead,viewer\ticbs=*");

        assertThat(run("reset", "jo.bloggs")).isZero();
        String reset = out.substring(out.lastIndexOf(' ') + 1).trim();
        assertThat(users.verify("jo.bloggs", m.group(1))).isEmpty();
        assertThat(users.verify("jo.bloggs", reset)).isPresent();

        assertThat(run("add", "sam", "--icbs", "nowhere")).isEqualTo(1);
        assertThat(err).contains("'nowhere' is not a 3-character ICB code");
        assertThat(run("remove", "jo.bloggs")).isZero();
        assertThat(users.find("jo.bloggs")).isEmpty();
        assertThat(run("remove", "jo.bloggs")).isEqualTo(1);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err).contains("usage");
    }
}
