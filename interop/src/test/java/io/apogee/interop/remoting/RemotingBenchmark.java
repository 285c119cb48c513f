package io.apogee.interop.remoting;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Small request/response round trips per second over loopback with 64 requests in flight: our server and client vs
 * Apache's 4.9.8 server and client, same JVM, same command. It prints a RESULT line and asserts nothing: run with
 * {@code mvn -B -ntp verify -Dbenchmarks -pl interop -am -Dtest=RemotingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class RemotingBenchmark {

    private static final int ECHO = 1000;
    private static final int IN_FLIGHT = 64;
    private static final long WARMUP_MILLIS = 5_000;
    private static final long MEASURE_MILLIS = 10_000;
    private static final byte[] BODY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** Sends one request; {@code done} runs when its response (or failure) arrives. */
    interface AsyncCall {
        void send(Runnable done, Runnable failed) throws Exception;
    }

    @Test
    void roundTripsPerSecond() throws Exception {
        ExecutorService executor = BoundedExecutors.fixed("ApogeeBenchEcho", 4, 100_000);
        NettyRemotingServer ourServer = new NettyRemotingServer(new NettyServerConfig(), null);
        ourServer.registerProcessor(ECHO, (ch, req) -> io.apogee.remoting.protocol.RemotingCommand
                .response(ResponseCode.SUCCESS, null).extFields(req.extFields()).body(req.body()), executor);
        ourServer.start();
        NettyRemotingClient ourClient = new NettyRemotingClient(new NettyClientConfig(), null);
        ourClient.start();
        String ourAddr = "127.0.0.1:" + ourServer.localPort();

        org.apache.rocketmq.remoting.netty.NettyServerConfig apacheConfig =
                new org.apache.rocketmq.remoting.netty.NettyServerConfig();
        apacheConfig.setListenPort(0);
        org.apache.rocketmq.remoting.netty.NettyRemotingServer apacheServer =
                new org.apache.rocketmq.remoting.netty.NettyRemotingServer(apacheConfig);
        apacheServer.registerProcessor(ECHO, new ApacheEcho(), executor);
        apacheServer.start();
        org.apache.rocketmq.remoting.netty.NettyRemotingClient apacheClient =
                new org.apache.rocketmq.remoting.netty.NettyRemotingClient(
                        new org.apache.rocketmq.remoting.netty.NettyClientConfig());
        apacheClient.start();
        String apacheAddr = "127.0.0.1:" + apacheServer.localListenPort();

        AsyncCall ours = (done, failed) -> ourClient.invokeAsync(ourAddr,
                io.apogee.remoting.protocol.RemotingCommand.request(ECHO, null).addExtField("k", "v").body(BODY),
                5000, (r, e) -> (r != null && r.code() == 0 ? done : failed).run());
        AsyncCall apache = (done, failed) -> {
            RemotingCommand request = RemotingCommand.createRequestCommand(ECHO, null);
            request.addExtField("k", "v");
            request.setBody(BODY);
            apacheClient.invokeAsync(apacheAddr, request, 5000, f -> (f.getResponseCommand() != null
                    && f.getResponseCommand().getCode() == 0 ? done : failed).run());
        };
        try {
            run("apogee", ours, WARMUP_MILLIS);
            run("apache", apache, WARMUP_MILLIS);
            double ours1 = run("apogee", ours, MEASURE_MILLIS);
            double apache1 = run("apache", apache, MEASURE_MILLIS);
            double apache2 = run("apache", apache, MEASURE_MILLIS);
            double ours2 = run("apogee", ours, MEASURE_MILLIS);
            double oursAvg = (ours1 + ours2) / 2;
            double apacheAvg = (apache1 + apache2) / 2;
            System.out.printf("RESULT remoting round trips/s, %d in flight: apogee %.0f, apache %.0f, ratio %.2f%n",
                    IN_FLIGHT, oursAvg, apacheAvg, oursAvg / apacheAvg);
        } finally {
            ourClient.shutdown();
            ourServer.shutdown();
            apacheClient.shutdown();
            apacheServer.shutdown();
            executor.shutdownNow();
        }
    }

    private static double run(String name, AsyncCall call, long millis) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicLong completed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            call.send(() -> {
                completed.incrementAndGet();
                inFlight.release();
            }, () -> {
                failures.incrementAndGet();
                inFlight.release();
            });
        }
        long counted = completed.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        inFlight.tryAcquire(IN_FLIGHT, 10, TimeUnit.SECONDS);
        double rate = counted / seconds;
        System.out.printf("%s: %.0f round trips/s over %.1f s, %d failures%n", name, rate, seconds, failures.get());
        return rate;
    }
}
