package io.apogee.console.api;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.console.auth.Role;
import io.apogee.console.auth.User;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import java.util.List;
import java.util.Locale;

/**
 * The user centre's admin part: {@code GET/POST /api/users}, {@code DELETE /api/users/{username}},
 * {@code GET /api/audit} (the newest writes first). Admin only.
 */
final class UserApi implements ApiModule {

    private final Apis.Context context;

    UserApi(Apis.Context context) {
        this.context = context;
    }

    @Override
    public void register(Router router) {
        router.get("/api/users", Role.ADMIN, call -> Reply.json(context.users().list().stream()
                        .map(UserApi::describe).toList()))
                .post("/api/users", Role.ADMIN, this::create)
                .delete("/api/users/{username}", Role.ADMIN, this::delete)
                .get("/api/audit", Role.ADMIN, call -> Reply.json(context.audit().latest(
                        (int) call.longParam("limit", 200, 1, 1000))));
    }

    private Reply create(HttpCall call) throws Exception {
        JSONObject body = call.json();
        String username = call.requiredField(body, "username");
        String password = body.getString("password");
        Role role = role(call.requiredField(body, "role"));
        User user = context.users().create(username, role, password == null ? null : password.toCharArray());
        return Reply.json(201, describe(user));
    }

    private Reply delete(HttpCall call) throws Exception {
        String username = call.pathParam("username");
        if (username.equals(call.session().username())) {
            throw ApiException.badRequest("you cannot delete the user you are logged in as");
        }
        context.users().delete(username);
        context.sessions().closeAllOf(username, null);
        return Reply.noContent();
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role must be one of " + List.of(Role.values()) + ", was '" + name + "'");
        }
    }

    private static JSONObject describe(User user) {
        return JSONObject.of("username", user.username(), "role", user.role().name(), "created", user.created());
    }
}
