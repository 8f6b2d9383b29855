package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A live stream (Server-Sent Events) read as it arrives, until it ends, as a signed-in page would. */
final class LiveStreamReader {
    final Promise<String> ended = Promise.promise();
    private final StringBuffer received = new StringBuffer();
    private HttpClient client;
    private HttpClientResponse response;

    static LiveStreamReader open(Vertx vertx, int port, String uri, TestUsers.Client as) {
        LiveStreamReader s = new LiveStreamReader();
        s.client = vertx.createHttpClient();
        s.response = s.client.request(HttpMethod.GET, port, "127.0.0.1", uri)
                .compose(req -> req.putHeader("Cookie", as.cookieHeader()).send())
                .map(response -> {
                    // Set on the event loop as the response arrives: what follows the headers at once
                    // (the current state, "ready") would otherwise be read before anyone listens.
                    response.handler(chunk -> s.received.append(chunk));
                    response.endHandler(v -> s.ended.tryComplete(s.received.toString()));
                    response.exceptionHandler(e -> s.ended.tryComplete(s.received.toString()));
                    return response;
                }).await();
        assertThat(s.response.statusCode()).isEqualTo(200);
        return s;
    }

    String text() {
        return received.toString();
    }

    int count(String what) {
        return text().split(Pattern.quote(what), -1).length - 1;
    }

    void await(String what) throws InterruptedException {
        await(what, 1);
    }

    void await(String what, int times) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(what) < times) {
            assertThat(System.nanoTime()).as("waiting for " + times + " × " + what + " in " + text()).isLessThan(until);
            Thread.sleep(20);
        }
    }

    void close() {
        response.request().connection().close();
        client.close();
    }
}
