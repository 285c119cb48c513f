package io.apogee.broker.registration;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.service.ServiceLoop;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBodyCodec;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.UnregisterBrokerRequestHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the broker and its topics with every name server, all in parallel so one slow or dead name server never
 * delays the others: once at start, then every {@code registerNameServerPeriod}, and soon after any topic change
 * ({@link #registerSoon}, which wakes this loop; {@link #registerNow} to wait for it). A slave hears its master
 * from the answers ({@link #onMasterAnswer}).
 */
public final class NameServerRegistrar implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(NameServerRegistrar.class);

    private final BrokerConfig config;
    private final TopicConfigManager topics;
    private final NettyRemotingClient client;
    private final String brokerAddr;
    private final String haServerAddr;
    private volatile Runnable wakeup = () -> { };
    private volatile BiConsumer<String, String> masterAnswer = (masterAddr, haServerAddr) -> { };
    private volatile boolean requested;
    private volatile long lastRegistrationMillis;
    /** Completed by the next round this loop runs (swapped for a new one as the round starts). */
    private final AtomicReference<CompletableFuture<Integer>> nextRound =
            new AtomicReference<>(new CompletableFuture<>());

    /**
     * @param haServerAddr {@code brokerIP2:haListenPort} when this broker accepts slaves, else empty
     */
    public NameServerRegistrar(BrokerConfig config, TopicConfigManager topics, NettyRemotingClient client,
            String brokerAddr, String haServerAddr) {
        this.config = config;
        this.topics = topics;
        this.client = client;
        this.brokerAddr = brokerAddr;
        this.haServerAddr = haServerAddr;
    }

    /** The registration interval, clamped to 10..60 s as RocketMQ does. */
    public long periodMillis() {
        return Math.max(10_000, Math.min(60_000, config.getRegisterNameServerPeriod()));
    }

    /** Lets {@link #registerSoon} wake the runner of this loop. */
    public void onWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /**
     * Gives each registration's answer about the master (RocketMQ's {@code masterAddr} and {@code haServerAddr}) to
     * {@code answer}, once per registration round that any name server accepted: from the first answer naming a
     * master, else {@code (null, null)} (no master of this broker name is registered).
     */
    public void onMasterAnswer(BiConsumer<String, String> answer) {
        this.masterAnswer = answer;
    }

    /** Asks for a registration at once (after a topic or config change). */
    public void registerSoon() {
        requested = true;
        wakeup.run();
    }

    /**
     * Asks for a registration at once, like {@link #registerSoon}, and returns the round's outcome: how many name
     * servers accepted it. The round starts after this call, so it carries every topic change made before it.
     */
    public CompletableFuture<Integer> registerNow() {
        CompletableFuture<Integer> round = nextRound.get();
        registerSoon();
        return round;
    }

    @Override
    public String roleName() {
        return "ApogeeNameServerRegistrar";
    }

    @Override
    public int doWork() throws InterruptedException {
        boolean due = System.currentTimeMillis() - lastRegistrationMillis >= periodMillis() - 100;
        if (requested || due) {
            requested = false;
            CompletableFuture<Integer> round = nextRound.getAndSet(new CompletableFuture<>());
            try {
                round.complete(registerAll());
            } finally {
                round.complete(0);
            }
        }
        return 0;
    }

    /** The configured name servers. */
    public List<String> nameServers() {
        List<String> out = new ArrayList<>();
        for (String addr : config.getNamesrvAddr().split(";")) {
            if (!addr.isBlank()) {
                out.add(addr.trim());
            }
        }
        return out;
    }

    /**
     * Registers with every name server in parallel and waits for all answers (each bounded by
     * {@code registerBrokerTimeoutMills}).
     *
     * @return how many name servers accepted the registration
     */
    public int registerAll() throws InterruptedException {
        lastRegistrationMillis = System.currentTimeMillis();
        List<String> servers = nameServers();
        if (servers.isEmpty()) {
            return 0;
        }
        byte[] body = RegisterBrokerBodyCodec.encode(new RegisterBrokerBody(topics.snapshot(), List.of()), false);
        int crc = RegisterBrokerBodyCodec.crc32(body);
        CountDownLatch done = new CountDownLatch(servers.size());
        AtomicInteger accepted = new AtomicInteger();
        AtomicReference<RegisterBrokerResponseHeader> named = new AtomicReference<>();
        for (String server : servers) {
            RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader(config.getBrokerClusterName(),
                    config.getBrokerName(), config.getBrokerId(), brokerAddr, haServerAddr).body(false, crc);
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER, header).body(body);
            try {
                client.invokeAsync(server, request, config.getRegisterBrokerTimeoutMills(), (response, failure) -> {
                    if (response != null && response.code() == ResponseCode.SUCCESS) {
                        accepted.incrementAndGet();
                        RegisterBrokerResponseHeader answer = masterOf(server, response);
                        if (answer != null && answer.masterAddr() != null) {
                            named.compareAndSet(null, answer);
                        }
                    } else {
                        LOG.warn("registration with name server {} failed: {}", server,
                                failure != null ? failure.getMessage() : response.code() + " " + response.remark());
                    }
                    done.countDown();
                });
            } catch (RemotingException e) {
                LOG.warn("registration with name server {} failed: {}", server, e.getMessage());
                done.countDown();
            }
        }
        done.await(config.getRegisterBrokerTimeoutMills() + 1000L, TimeUnit.MILLISECONDS);
        if (accepted.get() > 0) {
            RegisterBrokerResponseHeader answer = named.get();
            masterAnswer.accept(answer == null ? null : answer.masterAddr(),
                    answer == null ? null : answer.haServerAddr());
        }
        return accepted.get();
    }

    private static RegisterBrokerResponseHeader masterOf(String server, RemotingCommand response) {
        try {
            return response.decodeHeader(RegisterBrokerResponseHeader.class);
        } catch (RemotingCommandException e) {
            LOG.warn("name server {} answered the registration with a header that does not parse: {}", server,
                    e.getMessage());
            return null;
        }
    }

    /** Unregisters from every name server (at shutdown); failures are logged. */
    public void unregisterAll() {
        for (String server : nameServers()) {
            UnregisterBrokerRequestHeader header = new UnregisterBrokerRequestHeader(config.getBrokerClusterName(),
                    config.getBrokerName(), config.getBrokerId(), brokerAddr);
            try {
                client.invokeSync(server, RemotingCommand.request(RequestCode.UNREGISTER_BROKER, header), 3000);
                LOG.info("unregistered from name server {}", server);
            } catch (RemotingException e) {
                LOG.warn("unregistering from name server {} failed: {}", server, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
