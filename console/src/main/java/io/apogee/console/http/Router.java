package io.apogee.console.http;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.console.auth.AuditLog;
import io.apogee.console.auth.Role;
import io.apogee.console.auth.Session;
import io.apogee.console.auth.Sessions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's routes and the checks every one of them gets, on the server, before its handler runs: a live session
 * (401 without), a role that covers the route's (403), and for every write ({@code POST}, {@code PUT},
 * {@code DELETE}) the session's CSRF token in {@code X-CSRF-Token} (403). Every write is recorded in the audit log.
 * Paths may hold {@code {name}} segments, read with {@link HttpCall#pathParam}.
 */
public final class Router {

    /** The session cookie. */
    public static final String SESSION_COOKIE = "APOGEE_SESSION";
    /** The header every write carries its CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final List<String> AUDIT_TARGET_FIELDS = List.of("topic", "group", "username", "brokerAddr",
            "brokerName", "clusterName");

    private record Route(String method, String[] segments, Role role, boolean open, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Sessions sessions;
    private final AuditLog audit;

    public Router(Sessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    public Router get(String path, Role role, Handler handler) {
        return add("GET", path, role, false, handler);
    }

    public Router post(String path, Role role, Handler handler) {
        return add("POST", path, role, false, handler);
    }

    public Router put(String path, Role role, Handler handler) {
        return add("PUT", path, role, false, handler);
    }

    public Router delete(String path, Role role, Handler handler) {
        return add("DELETE", path, role, false, handler);
    }

    /** A route anyone may call, without a session or CSRF token (login only). */
    public Router open(String method, String path, Handler handler) {
        return add(method, path, Role.VIEWER, true, handler);
    }

    private Router add(String method, String path, Role role, boolean open, Handler handler) {
        routes.add(new Route(method, split(path), role, open, handler));
        return this;
    }

    /** Whether some route serves {@code path} (with any method). */
    public boolean serves(String path) {
        String[] segments = split(path);
        return routes.stream().anyMatch(r -> match(r.segments(), segments) != null);
    }

    /** Answers {@code call}: 404 or 405 when no route fits, else the checks, then the handler. */
    public Reply dispatch(HttpCall call) {
        String[] segments = split(call.path());
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(call.method())) {
                call.pathParams(params);
                return guarded(route, call);
            }
        }
        return pathKnown ? Reply.error(405, call.method() + " is not allowed on " + call.path())
                : Reply.error(404, "no API " + call.path() + " (see the README's Console section for the API)");
    }

    private Reply guarded(Route route, HttpCall call) {
        boolean write = !call.method().equals("GET");
        if (!route.open()) {
            Optional<Session> session = sessions.use(call.cookie(SESSION_COOKIE));
            if (session.isEmpty()) {
                return Reply.error(401, "not logged in, or the session expired: POST /api/login first");
            }
            call.session(session.get());
            if (!session.get().role().covers(route.role())) {
                return Reply.error(403, "user " + session.get().username() + " is " + session.get().role()
                        + "; this needs " + route.role());
            }
            if (write && !session.get().csrfToken().equals(call.header(CSRF_HEADER))) {
                return Reply.error(403, "missing or wrong " + CSRF_HEADER + " header: send the csrfToken that "
                        + "POST /api/login (or GET /api/session) returned");
            }
        }
        Reply reply = run(route, call);
        if (write && call.session() != null) {
            audit.record(new AuditLog.Entry(System.currentTimeMillis(), call.session().username(),
                    call.remoteAddress(), call.method() + " " + call.path(), target(call), reply.status()));
        }
        return reply;
    }

    private static Reply run(Route route, HttpCall call) {
        try {
            return route.handler().handle(call);
        } catch (ApiException e) {
            return Reply.error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        } catch (MQBrokerException e) {
            return Reply.error(502, "the broker refused (code " + e.getResponseCode() + "): " + e.getErrorMessage());
        } catch (MQClientException e) {
            return Reply.error(502, "the cluster did not answer as expected: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(503, "the console is stopping");
        } catch (Exception e) {
            LOG.error("console {} {} failed", call.method(), call.path(), e);
            return Reply.error(500, "the console failed: " + e + " (details in its log)");
        }
    }

    /** What a write was done to, for the audit log: the path parameters, else well-known body fields. */
    private static String target(HttpCall call) {
        StringJoiner joined = new StringJoiner(" ");
        for (String segment : call.path().split("/")) {
            if (!segment.isEmpty() && !segment.equals("api")) {
                joined.add(segment);
            }
        }
        if (call.body().length > 0 && call.body()[0] == '{') {
            try {
                JSONObject body = JSON.parseObject(new String(call.body(), StandardCharsets.UTF_8));
                for (String field : AUDIT_TARGET_FIELDS) {
                    if (body.containsKey(field)) {
                        joined.add(field + "=" + body.getString(field));
                    }
                }
            } catch (RuntimeException ignored) {
                // the handler has answered 400 for it already
            }
        }
        return joined.toString();
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
