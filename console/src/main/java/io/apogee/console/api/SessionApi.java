package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.console.auth.Role;
import io.apogee.console.auth.Session;
import io.apogee.console.auth.User;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import java.util.Optional;

/**
 * Logging in and out: {@code POST /api/login} (the only route without a session) sets the HttpOnly, SameSite=Strict
 * session cookie and returns the CSRF token; {@code GET /api/session} tells who is logged in (and the token again, for
 * a reloaded page); {@code POST /api/logout}; {@code POST /api/session/password} changes one's own password.
 */
final class SessionApi implements ApiModule {

    private final Apis.Context context;

    SessionApi(Apis.Context context) {
        this.context = context;
    }

    @Override
    public void register(Router router) {
        router.open("POST", "/api/login", this::login)
                .get("/api/session", Role.VIEWER, call -> Reply.json(describe(call.session())))
                .post("/api/logout", Role.VIEWER, this::logout)
                .post("/api/session/password", Role.VIEWER, this::changePassword);
    }

    private Reply login(HttpCall call) {
        JSONObject body = call.json();
        String username = call.requiredField(body, "username");
        String password = body.getString("password");
        if (password == null) {
            throw ApiException.badRequest("field 'password' is required");
        }
        long wait = context.throttle().waitMillis(username, call.remoteAddress());
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            return Reply.error(429, "too many failed logins: try again in " + seconds + " s")
                    .header("Retry-After", String.valueOf(seconds));
        }
        Optional<User> user = context.users().authenticate(username, password.toCharArray());
        if (user.isEmpty()) {
            context.throttle().failed(username, call.remoteAddress());
            return Reply.error(401, "wrong user name or password");
        }
        context.throttle().succeeded(username);
        Session session = context.sessions().open(user.get());
        return Reply.json(describe(session)).header("Set-Cookie", Router.SESSION_COOKIE + "=" + session.id()
                + "; Path=/; HttpOnly; SameSite=Strict");
    }

    private Reply logout(HttpCall call) {
        context.sessions().close(call.session().id());
        return Reply.noContent().header("Set-Cookie", Router.SESSION_COOKIE
                + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    private Reply changePassword(HttpCall call) throws Exception {
        JSONObject body = call.json();
        String current = body.getString("currentPassword");
        String next = body.getString("newPassword");
        if (current == null || next == null) {
            throw ApiException.badRequest("fields 'currentPassword' and 'newPassword' are required");
        }
        String username = call.session().username();
        if (context.users().authenticate(username, current.toCharArray()).isEmpty()) {
            throw new ApiException(403, "the current password is wrong");
        }
        context.users().changePassword(username, next.toCharArray());
        context.sessions().closeAllOf(username, call.session().id());
        return Reply.noContent();
    }

    private static JSONObject describe(Session session) {
        return JSONObject.of("username", session.username(), "role", session.role().name(), "csrfToken",
                session.csrfToken());
    }
}
