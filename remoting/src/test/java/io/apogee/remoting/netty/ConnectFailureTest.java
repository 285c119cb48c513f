package io.apogee.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.exception.RemotingConnectException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.RequestCodeNames;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed connect says what an operator checks: nothing listening at the address, or an unknown host. */
class ConnectFailureTest {

    private NettyRemotingClient client;

    @BeforeEach
    void start() {
        client = new NettyRemotingClient(ConfigBinder.conclude(NettyClientConfig::new,
                Map.of("connectTimeoutMillis", 3000)), null);
        client.start();
    }

    @AfterEach
    void stop() {
        client.shutdown();
    }

    @Test
    void aClosedPortIsNamedAsNothingListeningThere() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String addr = "127.0.0.1:" + port;
        RemotingConnectException e = assertThrows(RemotingConnectException.class, () -> client.invokeSync(addr,
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), 15_000));
        assertTrue(e.getMessage().startsWith("connect to " + addr + " failed: connection refused, nothing listens at "
                + addr), e.getMessage());
    }

    @Test
    void anUnknownHostIsNamed() {
        RemotingConnectException e = assertThrows(RemotingConnectException.class, () -> client.invokeSync(
                "no-such-host.invalid:9876", RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null),
                15_000));
        assertTrue(e.getMessage().contains("no-such-host.invalid:9876") && e.getMessage().contains("unknown host"),
                e.getMessage());
    }

    @Test
    void requestCodesHaveRocketMqNames() {
        assertEquals("GET_BROKER_CLUSTER_INFO", RequestCodeNames.of(RequestCode.GET_BROKER_CLUSTER_INFO));
        assertEquals("GET_ROUTEINFO_BY_TOPIC", RequestCodeNames.of(105));
        assertEquals("request code 99999", RequestCodeNames.of(99999));
    }
}
