package org.core20monitor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.core20monitor.core.ehia.Monitoring;
import org.core20monitor.core.ehia.ServiceChange;
import org.core20monitor.web.auth.Grant;
import org.core20monitor.web.auth.SignIn;
import org.core20monitor.web.export.EhiaReport;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.view.ViewJson;

/**
 * The EHIA registry over HTTP: a programme team registers a service change, edits it while it is
 * open and closes it. Every submission is validated (a 400 lists each problem), stored in Redis and
 * written to the audit log.
 *
 * <pre>
 * POST /api/ehia/changes              register (201 with the stored change)
 * GET  /api/ehia/changes              all changes, newest first
 * GET  /api/ehia/changes/{id}         one change (404 if unknown)
 * PUT  /api/ehia/changes/{id}         edit an open change (409 once closed)
 * POST /api/ehia/changes/{id}/close   close it (409 if already closed)
 * GET  /api/ehia/changes/{id}/monitoring  before and after go-live by group, gap changes, alerts
 * GET  /api/ehia/changes/{id}/report.pdf   the monitoring report (also .xlsx), recorded in the audit log
 * </pre>
 */
final class EhiaApi {

    /** A request for something that is not there. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** A request that the change's state does not allow. */
    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    private static final Pattern ID = Pattern.compile("chg-[0-9a-f]{12}");
    private static final int BODY_LIMIT = 64 * 1024;

    private final ViewStore store;
    private final Breakdowns breakdowns;
    private final ClinicalAreas areas;
    private final SecureRandom random = new SecureRandom();

    EhiaApi(ViewStore store, Breakdowns breakdowns, ClinicalAreas areas) {
        this.store = store;
        this.breakdowns = breakdowns;
        this.areas = areas;
    }

    void mount(Router router) {
        router.route("/api/ehia/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.post("/api/ehia/changes").handler(this::register);
        router.get("/api/ehia/changes").handler(this::list);
        router.get("/api/ehia/changes/:id").handler(ctx -> load(ctx).onSuccess(c -> send(ctx, 200, c)).onFailure(ctx::fail));
        router.put("/api/ehia/changes/:id").handler(this::edit);
        router.post("/api/ehia/changes/:id/close").handler(this::close);
        router.get("/api/ehia/changes/:id/monitoring").handler(this::monitoring);
        router.get("/api/ehia/changes/:id/report.pdf").handler(ctx -> report(ctx, DashboardServer.Export.PDF));
        router.get("/api/ehia/changes/:id/report.xlsx").handler(ctx -> report(ctx, DashboardServer.Export.XLSX));
    }

    private void register(RoutingContext ctx) {
        ServiceChange submitted = valid(ctx); // a BadParameter thrown here reaches the router's 400 handler
        SignIn.requireManageChanges(ctx, submitted.scope());
        String id = "chg-" + HexFormat.of().formatHex(bytes());
        ServiceChange change = submitted.registered(id, Instant.now().toString(), DashboardServer.who(ctx));
        save(ctx, change, "register service change").onSuccess(c -> send(ctx, 201, c)).onFailure(ctx::fail);
    }

    private byte[] bytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }

    /** The changes in ICBs the user may see. */
    private void list(RoutingContext ctx) {
        Grant grant = SignIn.grant(ctx);
        store.serviceChanges().map(all -> {
            List<ServiceChange> changes = new ArrayList<>();
            for (String json : all) {
                ServiceChange change = read(json);
                if (grant.canSee(change.scope())) {
                    changes.add(change);
                }
            }
            changes.sort(Comparator.comparing(ServiceChange::createdAt).reversed());
            return changes;
        }).onSuccess(changes -> send(ctx, 200, changes)).onFailure(ctx::fail);
    }

    private void edit(RoutingContext ctx) {
        ServiceChange submitted = valid(ctx);
        SignIn.requireManageChanges(ctx, submitted.scope());
        load(ctx).compose(existing -> {
            SignIn.requireManageChanges(ctx, existing.scope());
            if (ServiceChange.CLOSED.equals(existing.status())) {
                throw new Conflict("service change " + existing.id() + " is closed: register a new one instead");
            }
            return save(ctx, existing.editedTo(submitted, Instant.now().toString()), "edit service change");
        }).onSuccess(c -> send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void close(RoutingContext ctx) {
        load(ctx).compose(existing -> {
            SignIn.requireManageChanges(ctx, existing.scope());
            if (ServiceChange.CLOSED.equals(existing.status())) {
                throw new Conflict("service change " + existing.id() + " is already closed");
            }
            return save(ctx, existing.closed(Instant.now().toString()), "close service change");
        }).onSuccess(c -> send(ctx, 200, c)).onFailure(ctx::fail);
    }

    private void monitoring(RoutingContext ctx) {
        monitored(ctx).onSuccess(m -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(ViewJson.write(m.monitoring())))
                .onFailure(ctx::fail);
    }

    private record Monitored(ServiceChange change, Monitoring monitoring) {}

    private Future<Monitored> monitored(RoutingContext ctx) {
        return load(ctx).compose(change -> store.periods().compose(all -> {
            List<String> periods = all.stream().filter(p -> p.compareTo(change.baselineFrom()) >= 0).toList();
            List<String> keys = periods.stream().map(p -> RedisKeys.cell(p, change.scope())).toList();
            return store.cells(keys).map(cells -> new Monitored(change,
                    PublicFigures.monitoring(change, periods, cells, breakdowns)));
        }));
    }

    private void report(RoutingContext ctx, DashboardServer.Export format) {
        monitored(ctx).compose(m -> Downloads.send(ctx.vertx(), ctx, format.contentType,
                "ehia-" + m.change().id() + "." + format.extension,
                out -> {
                    if (format == DashboardServer.Export.PDF) {
                        EhiaReport.pdf(m.change(), m.monitoring(), DashboardServer.ukNow(), out);
                    } else {
                        EhiaReport.xlsx(m.change(), m.monitoring(), out);
                    }
                },
                () -> audit(ctx, "export EHIA report " + format.extension, m.change())))
                .onFailure(e -> Downloads.failUnlessStarted(ctx, e));
    }

    /** The submitted change, parsed and validated: a 400 lists every problem at once. */
    private ServiceChange valid(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // Also keeps a cross-site form (which cannot send JSON) from registering changes.
            throw new ViewQuery.BadParameter("send the service change as application/json");
        }
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isBlank()) {
            throw new ViewQuery.BadParameter("send the service change as a JSON object");
        }
        ServiceChange change;
        try {
            // Strict: a misspelt field would otherwise be dropped without a word.
            change = ViewJson.mapper().readerFor(ServiceChange.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
        } catch (JsonProcessingException e) {
            throw new ViewQuery.BadParameter("the body is not a service change in JSON: " + e.getOriginalMessage());
        }
        if (change == null) {
            throw new ViewQuery.BadParameter("send the service change as a JSON object");
        }
        List<String> problems = change.problems(breakdowns, areas, LocalDate.now(Periods.LONDON));
        if (!problems.isEmpty()) {
            throw new ViewQuery.BadParameter("the service change is not valid: " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s"), problems);
        }
        return change;
    }

    private Future<ServiceChange> load(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            return Future.failedFuture(new NotFound("no service change " + id));
        }
        return store.serviceChange(id).map(json -> {
            if (json == null) {
                throw new NotFound("no service change " + id);
            }
            ServiceChange change = read(json);
            SignIn.requireSee(ctx, change.scope());
            return change;
        });
    }

    private Future<ServiceChange> save(RoutingContext ctx, ServiceChange change, String what) {
        return store.saveServiceChange(change.id(), ViewJson.write(change))
                .compose(v -> audit(ctx, what, change))
                .map(v -> change);
    }

    private Future<Void> audit(RoutingContext ctx, String what, ServiceChange change) {
        Map<String, Object> entry = DashboardServer.auditEntry(ctx, what);
        entry.put("change", change.id());
        entry.put("name", change.name());
        return store.audit(ViewJson.write(entry));
    }

    private static ServiceChange read(String json) {
        try {
            return ViewJson.mapper().readValue(json, ServiceChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable service change in Redis: " + e.getOriginalMessage(), e);
        }
    }

    private static void send(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(ViewJson.write(body));
    }
}
