package org.core20monitor.web;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCatalogue;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.reference.PeerGroups;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.reference.TreatmentFunctions;
import org.core20monitor.core.view.Overview;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.Series;
import org.core20monitor.core.view.Trajectories;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.web.auth.Forbidden;
import org.core20monitor.web.auth.Grant;
import org.core20monitor.web.auth.SignIn;
import org.core20monitor.web.export.BoardPaperPdf;
import org.core20monitor.web.export.DataExport;
import org.core20monitor.core.view.ViewJson;

/**
 * The web server: the REST API and live push over Redis, and the static dashboard. Everything that
 * carries a figure goes through {@link PublicFigures}.
 */
public final class DashboardServer extends VerticleBase {

    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardServer.class);
    private static final long REDIS_CHECK_MILLIS = 1_000;
    /**
     * Session look-ups waiting for a connection: every dashboard reconnects at once when the server
     * restarts, each request a look-up, and the client's default (24) turned most of a burst of a few
     * hundred away with errors.
     */
    private static final int SESSION_LOOKUPS_WAITING = 8_192;
    private static final int SESSION_CONNECTIONS = 8;

    private final ServerConfig config;
    private RedisClient client;
    private ViewStore store;
    private UpdateBroadcaster broadcaster;
    private HttpServer server;
    private SignIn signIn;
    private RedisWatch watch;
    private io.lettuce.core.resource.ClientResources redisResources;
    private TargetDates targets;
    private PeerGroups peers;

    public DashboardServer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        // Reconnect quickly after an outage, and fail a command at once while disconnected (rather
        // than queue it), so that a request is answered "unavailable" instead of hanging.
        redisResources = io.lettuce.core.resource.ClientResources.builder()
                .reconnectDelay(io.lettuce.core.resource.Delay.exponential(java.time.Duration.ofMillis(100),
                        java.time.Duration.ofSeconds(2), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(redisResources, config.redisUrl());
        client.setOptions(io.lettuce.core.ClientOptions.builder()
                .disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(io.lettuce.core.TimeoutOptions.enabled(java.time.Duration.ofSeconds(3)))
                .build());
        return vertx.executeBlocking(() -> {
                    store = new ViewStore(client, context);
                    broadcaster = new UpdateBroadcaster(client, store, context);
                    targets = config.benchmarking().targets();
                    peers = config.benchmarking().peerGroups();
                    return null;
                })
                .compose(v -> broadcaster.listen())
                .compose(v -> {
                    var sessionRedis = new io.vertx.redis.client.RedisOptions().setConnectionString(config.redisUrl());
                    sessionRedis.getPoolOptions().setMaxSize(SESSION_CONNECTIONS).setMaxWaiting(SESSION_LOOKUPS_WAITING);
                    var sessions = io.vertx.ext.web.sstore.redis.RedisSessionStore.create(vertx,
                            io.vertx.redis.client.Redis.createClient(vertx, sessionRedis));
                    signIn = new SignIn(vertx, config.auth(), sessions, (ctx, details) -> {
                        Map<String, Object> entry = auditEntry(ctx, (String) details.get("what"));
                        details.forEach((k, val) -> entry.putIfAbsent(k, val));
                        return store.audit(ViewJson.write(entry))
                                .onFailure(e -> LOG.warn("could not record in the audit log: {}", entry, e));
                    });
                    return signIn.start();
                })
                .compose(v -> {
                    vertx.setPeriodic(config.heartbeatMillis(), id -> broadcaster.heartbeat());
                    watch = new RedisWatch(vertx, store, broadcaster);
                    watch.start(REDIS_CHECK_MILLIS);
                    return vertx.createHttpServer().requestHandler(router()).listen(config.port(), config.host());
                })
                .onSuccess(s -> server = s);
    }

    /** The port actually bound (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.allowForward(config.auth().forwardedHeaders());
        router.route().handler(this::securityHeaders);
        router.get("/health").handler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        router.get("/ready").handler(this::ready);
        signIn.mount(router); // everything below needs a signed-in user
        router.get("/api/catalogue").handler(ctx -> json(ctx, 200, Map.of(
                "metrics", MetricCatalogue.metrics(),
                "breakdowns", MetricCatalogue.breakdowns(BREAKDOWNS),
                "scopes", MetricCatalogue.scopes(ClinicalAreas.DEFAULT))));
        router.get("/api/meta").handler(this::meta);
        router.get("/api/views").handler(this::views);
        router.get("/api/series").handler(this::series);
        router.get("/api/overview").handler(this::overview);
        router.get("/api/trajectories").handler(this::trajectories);
        router.get("/api/benchmarks").handler(this::benchmarks);
        router.get("/api/export/board-paper.pdf").handler(ctx -> export(ctx, Export.PDF));
        router.get("/api/export/board-paper.xlsx").handler(ctx -> export(ctx, Export.XLSX));
        router.get("/api/export/board-paper.csv").handler(ctx -> export(ctx, Export.CSV));
        router.get("/api/audit").handler(ctx -> {
            SignIn.requireRole(ctx, Grant.ADMIN);
            audit(ctx);
        });
        new EhiaApi(store, BREAKDOWNS, ClinicalAreas.DEFAULT).mount(router);
        router.get("/api/quality").handler(ctx -> store.quality()
                .onSuccess(q -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(PublicFigures.quality(q)))
                .onFailure(ctx::fail));
        router.get("/api/stream").handler(this::stream);
        router.route("/api/*").handler(ctx -> json(ctx, 404, Map.of("error", "no such endpoint: " + ctx.request().path())));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
        router.route("/*").handler(config.webrootDir() == null
                ? StaticHandler.create("webroot").setCachingEnabled(false)
                : StaticHandler.create(io.vertx.ext.web.handler.FileSystemAccess.ROOT, config.webrootDir())
                        .setCachingEnabled(false));
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof ViewQuery.BadParameter bad) {
                json(ctx, 400, bad.problems().isEmpty() ? Map.of("error", bad.getMessage())
                        : Map.of("error", bad.getMessage(), "problems", bad.problems()));
            } else if (ctx.failure() instanceof Forbidden forbidden) {
                Map<String, Object> entry = auditEntry(ctx, "refused");
                entry.put("request", ctx.request().method() + " " + ctx.request().path());
                entry.put("reason", forbidden.getMessage());
                store.audit(ViewJson.write(entry));
                json(ctx, 403, Map.of("error", forbidden.getMessage()));
            } else if (ctx.failure() instanceof EhiaApi.Conflict conflict) {
                json(ctx, 409, Map.of("error", conflict.getMessage()));
            } else if (ctx.failure() instanceof EhiaApi.NotFound missing) {
                json(ctx, 404, Map.of("error", missing.getMessage()));
            } else if (ctx.statusCode() == 404) {
                json(ctx, 404, Map.of("error", "not found"));
            } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                // Refused before any handler ran, e.g. a query string that cannot be decoded.
                Throwable cause = ctx.failure() == null ? null : ctx.failure().getCause();
                json(ctx, ctx.statusCode(), Map.of("error", "bad request" + (cause == null ? "" : ": " + cause.getMessage())));
            } else if (redisUnavailable(ctx.failure()) || !watch.up()) {
                LOG.warn("request {} failed while Redis is unavailable: {}", ctx.request().path(),
                        ctx.failure() == null ? ctx.statusCode() : ctx.failure().toString());
                ctx.response().putHeader("Retry-After", "5");
                json(ctx, 503, Map.of("error", "the figures store cannot be reached just now: try again shortly"));
            } else {
                LOG.error("request {} failed ({})", ctx.request().path(),
                        ctx.failure() == null ? ctx.statusCode() : String.valueOf(ctx.failure().getCause()), ctx.failure());
                json(ctx, 500, Map.of("error", "internal error"));
            }
        });
        return router;
    }

    /**
     * Whether a request failed for want of Redis: the figures (Lettuce) or the sessions (Vert.x's Redis
     * client), possibly before {@link RedisWatch} has noticed the outage.
     */
    static boolean redisUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.lettuce.core.RedisException || t instanceof java.net.ConnectException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t.getClass().getName().startsWith("io.vertx.redis.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Set on every response: no script but the server's own files (the pages have no inline script),
     * no framing, no content sniffing, no referrer. Styles may be inline: the charts set element styles.
     * API answers and downloads are not to be kept by the browser or a proxy (they are figures about
     * patients, for signed-in users); over HTTPS (secure cookies) browsers are told to use nothing else.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    private void securityHeaders(RoutingContext ctx) {
        var headers = ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        if (ctx.request().path().startsWith("/api/")) {
            headers.set("Cache-Control", "no-store");
        }
        if (config.auth().cookieSecure()) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.next();
    }

    /**
     * Ready when Redis answers. Whether the data is fresh is reported beside it (the last event time
     * and its age) rather than failing readiness, since a replayed history is old by design.
     */
    private void ready(RoutingContext ctx) {
        if (!watch.up()) {
            json(ctx, 503, Map.of("status", "NOT_READY", "redis", "DOWN", "since", String.valueOf(watch.downSince())));
            return;
        }
        store.ping().compose(pong -> store.quality())
                .onSuccess(q -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "READY");
                    body.put("redis", "UP");
                    String last = q.get("last_event_time");
                    Long age = null;
                    try {
                        age = last == null ? null
                                : java.time.Duration.between(java.time.Instant.parse(last), java.time.Instant.now()).toSeconds();
                    } catch (java.time.DateTimeException unreadable) {
                        last = null; // not written by the job: report no age rather than fail the probe
                    }
                    body.put("last_event_time", last);
                    body.put("data_age_seconds", age);
                    json(ctx, 200, body);
                })
                .onFailure(e -> json(ctx, 503, Map.of("status", "NOT_READY", "redis", "DOWN")));
    }

    /** What has data: periods, ICBs and the scopes within each, with the catalogue. */
    private void meta(RoutingContext ctx) {
        Grant grant = SignIn.grant(ctx);
        Future.all(store.periods(), store.scopes()).onSuccess(all -> {
            List<Scope> scopes = all.<List<Scope>>resultAt(1).stream().filter(grant::canSee).toList();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("periods", all.resultAt(0));
            meta.put("icbs", scopes.stream().filter(s -> s.icb() != null && s.provider() == null
                    && s.specialty() == null && s.area() == null).map(Scope::icb).toList());
            meta.put("scopes", scopes);
            meta.put("specialty_names", TreatmentFunctions.names());
            meta.put("area_names", ClinicalAreas.DEFAULT.ids().stream()
                    .collect(java.util.stream.Collectors.toMap(a -> a, ClinicalAreas::label)));
            meta.put("heartbeat_ms", config.heartbeatMillis());
            meta.put("metrics", MetricCatalogue.metrics());
            meta.put("breakdowns", MetricCatalogue.breakdowns(BREAKDOWNS).stream()
                    .filter(b -> !"none".equals(b.get("id"))).toList());
            json(ctx, 200, meta);
        }).onFailure(ctx::fail);
    }

    private void views(RoutingContext ctx) {
        store.latestPeriod().map(latest -> ViewQuery.parse(ctx.queryParams(), latest, ClinicalAreas.DEFAULT))
                .compose(query -> {
                    ViewQuery.Spec spec = query.single();
                    SignIn.requireSee(ctx, spec.scope());
                    return store.cells(spec.sources()).map(cells ->
                            ViewBuilder.build(spec.metric(), spec.breakdown(), spec.period(), spec.scope(), cells));
                })
                .onSuccess(view -> {
                    if (view == null) {
                        json(ctx, 404, Map.of("error", "no data yet for this metric, period and scope"));
                    } else {
                        ctx.response().putHeader("Content-Type", "application/json").end(PublicFigures.view(view));
                    }
                })
                .onFailure(ctx::fail);
    }

    /**
     * The months of one metric for a scope and breakdown (from/to, by default the latest two years),
     * with SPC charts of the overall and the gap and the same months of 2019/20.
     */
    private void series(RoutingContext ctx) {
        ViewQuery.Spec spec;
        try {
            spec = ViewQuery.parseSeries(ctx.queryParams(), ClinicalAreas.DEFAULT).single();
            SignIn.requireSee(ctx, spec.scope());
        } catch (ViewQuery.BadParameter | Forbidden e) {
            ctx.fail(e);
            return;
        }
        store.periods().compose(all -> {
            List<String> periods = ViewQuery.range(ctx.queryParams().get("from"), ctx.queryParams().get("to"), all);
            Set<String> sources = new LinkedHashSet<>();
            for (String period : Series.periodsRead(periods)) {
                sources.addAll(new ViewQuery.Spec(spec.metric(), period, spec.scope(), spec.breakdown()).sources());
            }
            return store.cells(sources).map(cells -> PublicFigures.series(spec.metric(), spec.breakdown(),
                    spec.scope(), periods, cells));
        }).onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json))
                .onFailure(ctx::fail);
    }

    /** Every metric's tile for a scope and month, and the Core20PLUS5 panel. */
    private void overview(RoutingContext ctx) {
        overviewCells(ctx, false).onSuccess(in -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(PublicFigures.overview(in.query().scope(), in.query().period(), in.trend(), in.cells(),
                                BREAKDOWNS, ClinicalAreas.DEFAULT, targets)))
                .onFailure(ctx::fail);
    }

    /** Where each group is heading against a metric's national target, over the months up to the period. */
    private void trajectories(RoutingContext ctx) {
        store.latestPeriod().map(latest -> ViewQuery.parseTrajectories(ctx.queryParams(), latest, ClinicalAreas.DEFAULT))
                .compose(spec -> {
                    SignIn.requireSee(ctx, spec.scope());
                    Set<String> sources = new LinkedHashSet<>();
                    for (String month : Trajectories.months(spec.period())) {
                        sources.addAll(new ViewQuery.Spec(spec.metric(), month, spec.scope(), spec.breakdown()).sources());
                    }
                    return store.cells(sources).map(cells -> PublicFigures.trajectories(spec.metric(), spec.breakdown(),
                            spec.scope(), spec.period(), targets, cells));
                })
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json))
                .onFailure(ctx::fail);
    }

    /**
     * An ICB's gap beside England's and its peers'. A user granted the ICB sees its peers' published
     * ICB-wide figures here (as NHS England publishes them for every ICB), not their breakdowns.
     */
    private void benchmarks(RoutingContext ctx) {
        store.latestPeriod().map(latest -> ViewQuery.parseBenchmarks(ctx.queryParams(), latest, ClinicalAreas.DEFAULT))
                .compose(spec -> {
                    SignIn.requireSee(ctx, spec.scope());
                    return store.cells(benchmarkSources(spec.metric(), spec.period(), spec.scope().icb(), true))
                            .map(cells -> PublicFigures.benchmarks(spec.metric(), spec.breakdown(), spec.period(),
                                    spec.scope().icb(), peers, cells));
                })
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json))
                .onFailure(ctx::fail);
    }

    /** The cells an ICB's benchmarks read: its own, England's and (for the full table) its peers', in the month. */
    private Set<String> benchmarkSources(Metric metric, String period, String icb, boolean withPeers) {
        Set<String> sources = new LinkedHashSet<>();
        List<Scope> areas = new java.util.ArrayList<>(List.of(Scope.icb(icb), Scope.ENGLAND));
        if (withPeers) {
            peers.of(icb).forEach(p -> areas.add(Scope.icb(p)));
        }
        for (Scope area : areas) {
            sources.addAll(new ViewQuery.Spec(metric, period, area, Breakdown.NONE).sources());
        }
        return sources;
    }

    /** A scope and month with the months before it and every cell an overview or board paper reads. */
    private record OverviewCells(ViewQuery query, List<String> trend, ViewBuilder.Cells cells) {}

    /** @param withPeers also the peer ICBs' cells (a board paper's benchmark tables; the tiles need England only) */
    private Future<OverviewCells> overviewCells(RoutingContext ctx, boolean withPeers) {
        return store.periods().compose(all -> {
            ViewQuery query = ViewQuery.parseOverview(ctx.queryParams(), all.isEmpty() ? null : all.get(all.size() - 1),
                    ClinicalAreas.DEFAULT);
            SignIn.requireSee(ctx, query.scope());
            List<String> trend = ViewQuery.range(null, query.period(), all);
            Set<String> sources = new LinkedHashSet<>();
            for (Metric metric : query.metrics()) {
                for (String period : Series.periodsRead(trend)) {
                    sources.addAll(new ViewQuery.Spec(metric, period, query.scope(), Breakdown.NONE).sources());
                }
                for (Scope area : Overview.areaScopes(query.scope(), ClinicalAreas.DEFAULT)) {
                    sources.addAll(new ViewQuery.Spec(metric, query.period(), area, Breakdown.NONE).sources());
                }
                if (query.scope().wholeIcb()) {
                    sources.addAll(benchmarkSources(metric, query.period(), query.scope().icb(), withPeers));
                }
            }
            return store.cells(sources).map(cells -> new OverviewCells(query, trend, cells));
        });
    }

    /** The formats of the board paper and the data behind it (and of the EHIA report). */
    enum Export {
        PDF("application/pdf", "pdf"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        CSV("text/csv; charset=utf-8", "csv");

        final String contentType;
        final String extension;

        Export(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }

    /** The board paper or its data for a scope and month, recorded in the audit log. */
    private void export(RoutingContext ctx, Export format) {
        Future.all(overviewCells(ctx, true), store.quality()).compose(all -> {
            OverviewCells in = all.resultAt(0);
            Map<String, String> counters = all.resultAt(1);
            String scopeName = org.core20monitor.core.report.Format.scope(in.query().scope());
            String name = "core20-board-paper-" + in.query().scope().id().replace("*", "all").replace('.', '-') + "-"
                    + in.query().period() + "." + format.extension;
            return Downloads.send(vertx, ctx, format.contentType, name, out -> {
                var paper = PublicFigures.boardPaper(in.query().scope(), in.query().period(), in.trend(), in.cells(),
                        BREAKDOWNS, ClinicalAreas.DEFAULT, targets, peers);
                switch (format) {
                    case PDF -> BoardPaperPdf.write(paper, scopeName, PublicFigures.qualityFigures(counters), ukNow(), out);
                    case XLSX -> DataExport.xlsx(paper, BoardPaperPdf.title(scopeName, paper.period()), out);
                    case CSV -> DataExport.csv(paper, new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
                }
            }, () -> {
                Map<String, Object> entry = auditEntry(ctx, "export board paper " + format.extension);
                entry.put("scope", in.query().scope());
                entry.put("period", in.query().period());
                return store.audit(ViewJson.write(entry));
            });
        }).onFailure(e -> Downloads.failUnlessStarted(ctx, e));
    }

    /** Now, as a reader in England would write it: "24 November 2026, 09:27". */
    static String ukNow() {
        return java.time.ZonedDateTime.now(org.core20monitor.core.metric.Periods.LONDON)
                .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", java.util.Locale.UK));
    }

    /** The start of an audit-log entry: when, who and what; the caller adds what it concerns. */
    static Map<String, Object> auditEntry(RoutingContext ctx, String what) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("when", java.time.Instant.now().toString());
        entry.put("who", who(ctx));
        entry.put("what", what);
        return entry;
    }

    /** Who asked: the signed-in user and their address (before sign-in, the address alone). */
    static String who(RoutingContext ctx) {
        Grant grant = SignIn.grant(ctx);
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        return (grant != null ? grant.username() : "anonymous") + "@" + address;
    }

    private void audit(RoutingContext ctx) {
        int count;
        try {
            count = Integer.parseInt(ctx.queryParams().get("count") == null ? "100" : ctx.queryParams().get("count"));
            if (count < 1 || count > 1000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            ctx.fail(new ViewQuery.BadParameter("count must be a whole number from 1 to 1000"));
            return;
        }
        store.auditLog(count).onSuccess(entries -> ctx.response().putHeader("Content-Type", "application/json")
                .end("[" + String.join(",", entries) + "]")).onFailure(ctx::fail);
    }

    private void stream(RoutingContext ctx) {
        store.latestPeriod().map(latest -> ViewQuery.parse(ctx.queryParams(), latest, ClinicalAreas.DEFAULT))
                .compose(query -> {
                    SignIn.requireSee(ctx, query.scope());
                    ctx.response().setChunked(true)
                            .putHeader("Content-Type", "text/event-stream")
                            .putHeader("Cache-Control", "no-cache")
                            .putHeader("X-Accel-Buffering", "no");
                    String lastEventId = ctx.request().getHeader("Last-Event-ID");
                    if (lastEventId == null) {
                        lastEventId = ctx.queryParams().get("last_event_id");
                    }
                    return broadcaster.subscribe(new UpdateBroadcaster.Subscriber(ctx.response(), query.specs(),
                                    signIn.stillSees(ctx, query.scope())),
                            lastEventId == null ? null : lastEventId.replaceAll("[^A-Za-z0-9-]", ""));
                })
                .onFailure(e -> {
                    if (ctx.response().headWritten()) {
                        ctx.response().reset(); // the stream had started: the browser reconnects and resyncs
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(ViewJson.write(body));
    }

    @Override
    public Future<?> stop() {
        if (broadcaster != null) {
            broadcaster.close();
        }
        if (store != null) {
            store.close();
        }
        return vertx.executeBlocking(() -> {
            client.shutdown();
            redisResources.shutdown();
            return null;
        });
    }
}
