package org.core20monitor.web;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.core20monitor.web.auth.AuthConfig;
import org.core20monitor.web.auth.UserFile;

/**
 * Manages the local user file (USERS_FILE) from the command line, on the machine that runs the server:
 *
 * <pre>
 * java -jar core20-web.jar users list
 * java -jar core20-web.jar users add NAME --roles viewer,programme_lead --icbs QWE,QHL
 * java -jar core20-web.jar users reset NAME      (a new one-time password)
 * java -jar core20-web.jar users remove NAME
 * </pre>
 *
 * New and reset users get a one-time password, printed once, to be changed at their first sign-in.
 * A running server picks the change up at the next request.
 */
final class UsersCommand {

    private UsersCommand() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path file = AuthConfig.fromEnvironment(env).usersFile();
        if (args.length == 0) {
            return usage(err);
        }
        try {
            UserFile users = UserFile.open(file, out::println);
            switch (args[0]) {
                case "list" -> {
                    for (UserFile.Account a : users.accounts()) {
                        out.println(a.username() + "\troles=" + String.join(",", a.roles()) + "\ticbs="
                                + String.join(",", a.icbs()) + (a.mustChangePassword() ? "\t(one-time password not yet changed)" : ""));
                    }
                }
                case "add" -> {
                    if (args.length < 2) {
                        return usage(err);
                    }
                    String password = users.add(args[1], option(args, "--roles", "viewer"), option(args, "--icbs", null));
                    out.println("Added " + args[1] + " with the one-time password " + password);
                }
                case "reset" -> {
                    if (args.length < 2) {
                        return usage(err);
                    }
                    out.println("New one-time password for " + args[1] + ": " + users.reset(args[1]));
                }
                case "remove" -> {
                    if (args.length < 2) {
                        return usage(err);
                    }
                    users.remove(args[1]);
                    out.println("Removed " + args[1]);
                }
                default -> {
                    return usage(err);
                }
            }
            return 0;
        } catch (UserFile.Refused e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static List<String> option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        String value = i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar core20-web.jar users list | add NAME --roles viewer[,programme_lead,admin]"
                + " --icbs CODE[,CODE…|*] | reset NAME | remove NAME   (the file is USERS_FILE, default core20-users.json)");
        return 2;
    }
}
