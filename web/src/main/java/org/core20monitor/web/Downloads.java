package org.core20monitor.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends a generated file: written off the event loop to a temporary file (so a large export is never
 * held in memory), sent with its name and type, and deleted once sent.
 */
final class Downloads {

    /** Writes the file's content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private Downloads() {}

    /** Generates the file, then runs {@code before} (e.g. the audit entry), then sends it. */
    static Future<Void> send(Vertx vertx, RoutingContext ctx, String contentType, String fileName, Content content,
                             java.util.function.Supplier<Future<Void>> before) {
        return vertx.executeBlocking(() -> {
            Path file = Files.createTempFile("core20-download-", ".tmp");
            boolean written = false;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                content.writeTo(out);
                written = true;
            } finally {
                if (!written) {
                    delete(file); // whatever went wrong, an Error included
                }
            }
            return file;
        }, false).compose(file -> {
            Future<Void> done;
            try {
                done = before.get();
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            return done.onFailure(e -> delete(file)).map(v -> file);
        }).compose(file -> {
            ctx.response().putHeader("Content-Type", contentType)
                    .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            return ctx.response().sendFile(file.toString()).onComplete(r -> delete(file));
        });
    }

    /** A failure before the file started to go out becomes an error response; after that, nothing can be said. */
    static void failUnlessStarted(RoutingContext ctx, Throwable failure) {
        if (!ctx.response().headWritten()) {
            ctx.fail(failure);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system's cleaner removes it if this could not
        }
    }
}
