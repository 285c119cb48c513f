package io.apogee.console.api;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.console.auth.AuditLog;
import io.apogee.console.auth.LoginThrottle;
import io.apogee.console.auth.Sessions;
import io.apogee.console.auth.UserStore;
import io.apogee.console.config.ConsoleConfig;
import io.apogee.console.history.TpsHistory;
import io.apogee.console.view.ClusterView;
import java.util.List;

/** Every API module of the console, in one list. */
public final class Apis {

    /** What the modules work with. */
    public record Context(DefaultMQAdminExt admin, ClusterView cluster, TpsHistory history, UserStore users,
            Sessions sessions, LoginThrottle throttle, AuditLog audit, ConsoleConfig config) {
    }

    private Apis() {
    }

    public static List<ApiModule> all(Context context) {
        return List.of(
                new SessionApi(context),
                new UserApi(context),
                new ClusterApi(context),
                new DashboardApi(context),
                new OpsApi(context),
                new TopicApi(context),
                new GroupApi(context),
                new ProducerApi(context),
                new MessageApi(context),
                new DlqApi(context),
                new TraceApi(context));
    }
}
