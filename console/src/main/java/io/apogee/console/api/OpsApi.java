package io.apogee.console.api;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.console.auth.Role;
import io.apogee.console.http.ApiException;
import io.apogee.console.http.HttpCall;
import io.apogee.console.http.Reply;
import io.apogee.console.http.Router;
import io.apogee.console.view.ClusterView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Ops page: {@code GET /api/ops} (the NameServers in use, the ones known before, whether each listens, and a
 * health summary of the brokers and the snapshot), {@code PUT /api/ops/namesrv} (admin: switch to another
 * NameServer list, kept only when it answers; remembered in {@code <data dir>/namesrv-history.json}) and
 * {@code PUT /api/ops/settings} (admin: the VIP channel and TLS switches of the console's connections; the admin
 * client restarts with them and keeps them only when the cluster answers).
 */
final class OpsApi implements ApiModule {

    static final int PROBE_TIMEOUT_MILLIS = 1_000;
    static final int KNOWN_MAX = 20;

    private final Apis.Context context;
    private final Path knownFile;

    OpsApi(Apis.Context context) {
        this.context = context;
        this.knownFile = context.config().dataDir().resolve("namesrv-history.json");
    }

    @Override
    public void register(Router router) {
        router.get("/api/ops", Role.VIEWER, this::ops)
                .put("/api/ops/namesrv", Role.ADMIN, this::switchNamesrv)
                .put("/api/ops/settings", Role.ADMIN, this::switchSettings);
    }

    private Reply ops(HttpCall call) throws MQClientException {
        List<String> inUse = context.admin().getNameServerAddressList();
        List<JSONObject> namesrvs = new ArrayList<>();
        for (String addr : inUse) {
            namesrvs.add(JSONObject.of("addr", addr, "listening", listens(addr)));
        }
        ClusterView.Snapshot snapshot = context.cluster().current();
        long answered = snapshot.cluster().brokers().stream().filter(BrokerOverview::answered).count();
        long age = snapshot.takenAt() == 0 ? -1 : System.currentTimeMillis() - snapshot.takenAt();
        boolean healthy = snapshot.errors().isEmpty() && answered == snapshot.cluster().brokers().size()
                && namesrvs.stream().allMatch(n -> n.getBooleanValue("listening"));
        JSONObject health = JSONObject.of("healthy", healthy, "brokers", snapshot.cluster().brokers().size(),
                "brokersAnswering", answered, "snapshotAgeMillis", age, "errors", snapshot.errors());
        return Reply.json(JSONObject.of("namesrvAddr", String.join(";", inUse), "namesrvs", namesrvs, "known",
                known(), "health", health, "vipChannelEnabled", context.admin().isVipChannelEnabled(), "useTLS",
                context.admin().isUseTLS()));
    }

    private Reply switchNamesrv(HttpCall call) throws Exception {
        String next = call.requiredField(call.json(), "namesrvAddr");
        String previous = String.join(";", context.admin().getNameServerAddressList());
        context.admin().updateNameServerAddressList(next);
        try {
            context.admin().examineBrokerClusterInfo();
        } catch (MQClientException e) {
            context.admin().updateNameServerAddressList(previous);
            throw new ApiException(502, "no NameServer of " + next + " answered (" + e.getMessage()
                    + "); still using " + previous);
        }
        remember(next);
        context.cluster().refreshSoon();
        return Reply.json(JSONObject.of("namesrvAddr", next));
    }

    private Reply switchSettings(HttpCall call) throws Exception {
        JSONObject body = call.json();
        DefaultMQAdminExt admin = context.admin();
        boolean vip = body.containsKey("vipChannelEnabled") ? body.getBooleanValue("vipChannelEnabled")
                : admin.isVipChannelEnabled();
        boolean tls = body.containsKey("useTLS") ? body.getBooleanValue("useTLS") : admin.isUseTLS();
        boolean oldVip = admin.isVipChannelEnabled();
        boolean oldTls = admin.isUseTLS();
        String namesrvAddr = String.join(";", admin.getNameServerAddressList());
        restart(admin, namesrvAddr, vip, tls);
        try {
            admin.examineBrokerClusterInfo();
            if (vip) {
                context.cluster().refreshNow();
                if (!context.cluster().current().errors().isEmpty()) {
                    throw new MQClientException(-1, String.join("; ", context.cluster().current().errors()));
                }
            }
        } catch (MQClientException e) {
            restart(admin, namesrvAddr, oldVip, oldTls);
            context.cluster().refreshSoon();
            throw new ApiException(502, "the cluster did not answer with vipChannelEnabled=" + vip + ", useTLS="
                    + tls + " (" + e.getMessage() + "); kept vipChannelEnabled=" + oldVip + ", useTLS=" + oldTls);
        }
        context.cluster().refreshSoon();
        return Reply.json(JSONObject.of("vipChannelEnabled", vip, "useTLS", tls));
    }

    /** Restarts the admin client with these settings (a client takes them when its instance starts). */
    private static void restart(DefaultMQAdminExt admin, String namesrvAddr, boolean vip, boolean tls)
            throws MQClientException {
        admin.shutdown();
        admin.setNamesrvAddr(namesrvAddr);
        admin.setVipChannelEnabled(vip);
        admin.setUseTLS(tls);
        admin.start();
    }

    private static boolean listens(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(addr.substring(0, colon), Integer.parseInt(addr.substring(colon
                    + 1))), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private synchronized List<String> known() {
        try {
            return Files.exists(knownFile) ? JSON.parseArray(Files.readString(knownFile), String.class) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private synchronized void remember(String namesrvAddr) throws IOException {
        Set<String> all = new LinkedHashSet<>();
        all.add(namesrvAddr);
        all.addAll(known());
        List<String> kept = all.stream().limit(KNOWN_MAX).toList();
        Path temp = knownFile.resolveSibling(knownFile.getFileName() + ".tmp");
        Files.writeString(temp, JSON.toJSONString(kept), StandardCharsets.UTF_8);
        Files.move(temp, knownFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
