package org.core20monitor.web;

import io.vertx.core.Vertx;
import java.util.Arrays;

/**
 * {@code java -jar core20-web.jar} serves the dashboard over an existing Redis (configured by
 * HTTP_PORT, REDIS_URL); {@code java -jar core20-web.jar demo [job options]} runs everything on one
 * machine: see {@link EmbeddedDemo}; {@code users …} manages the local user file ({@link UsersCommand}).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("demo")) {
            EmbeddedDemo.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("users")) {
            System.exit(UsersCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && !args[0].equals("serve")) {
            System.err.println("usage: java -jar core20-web.jar [serve | demo [job options] | users …]");
            System.exit(2);
        }
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new DashboardServer(config))
                .onSuccess(id -> System.out.println("Core20 Monitor serving on http://localhost:" + config.port()))
                .onFailure(e -> {
                    System.err.println("cannot start: " + e.getMessage());
                    vertx.close();
                    System.exit(1);
                });
    }
}
