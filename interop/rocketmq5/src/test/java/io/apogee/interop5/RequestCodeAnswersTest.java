package io.apogee.interop5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TestCluster;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

/**
 * Every request code of RocketMQ 5.3.3's {@code RequestCode} (153), sent without header or body to our NameServer
 * and broker (a cluster of this class's own: bare admin requests such as CLEAN_UNUSED_TOPIC must not touch the shared
 * one): each server answers every code, an error always with a remark, and a code it does not serve is refused with
 * {@code REQUEST_CODE_NOT_SUPPORTED} and a remark naming the code; together they serve each of the 4.9 codes that
 * the 4.9 interop suite's {@code RequestCodeCoverageTest} finds served.
 */
class RequestCodeAnswersTest {

    private static final long TIMEOUT = 5_000;

    @Test
    void everyFiveCodeIsAnsweredAndRefusalsNameTheCode() throws Exception {
        Map<Integer, String> codes = requestCodes();
        assertTrue(codes.size() >= 150, "5.3.3's RequestCode has only " + codes.size() + " codes");
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try (TestCluster cluster = TestCluster.builder().clusterName("Codes5").brokers("broker-a").start()) {
            List<String> defects = new ArrayList<>();
            Map<Integer, String> served = new TreeMap<>();
            for (Map.Entry<String, String> server : Map.of("broker", cluster.brokerAddr("broker-a"), "NameServer",
                    cluster.namesrvAddr()).entrySet()) {
                Map<Integer, CompletableFuture<RemotingCommand>> answers = new TreeMap<>();
                for (int code : codes.keySet()) {
                    answers.put(code, client.invoke(server.getValue(), RemotingCommand.createRequestCommand(code,
                            null), TIMEOUT));
                }
                for (Map.Entry<Integer, CompletableFuture<RemotingCommand>> answer : answers.entrySet()) {
                    String what = answer.getKey() + " " + codes.get(answer.getKey()) + " to the " + server.getKey();
                    RemotingCommand response;
                    try {
                        response = answer.getValue().get(TIMEOUT * 4, TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        defects.add(what + ": no answer (" + e.getCause() + ")");
                        continue;
                    }
                    String remark = response.getRemark();
                    if (response.getCode() == ResponseCode.REQUEST_CODE_NOT_SUPPORTED) {
                        if (remark == null || !remark.contains("request type " + answer.getKey())) {
                            defects.add(what + ": refused with remark " + remark);
                        }
                        continue;
                    }
                    served.merge(answer.getKey(), server.getKey(), (a, b) -> a + " and " + b);
                    if (response.getCode() != ResponseCode.SUCCESS && (remark == null || remark.isBlank())) {
                        defects.add(what + ": code " + response.getCode() + " without a remark");
                    }
                }
            }
            assertEquals(List.of(), defects);
            // 78 on the day this was written (RequestCodeCoverageTest, with 4.9.8's codes), and 351 GET_TOPIC_CONFIG.
            assertTrue(served.size() >= 79, "served only " + served);
            assertTrue(served.containsKey(RequestCode.GET_TOPIC_CONFIG), "GET_TOPIC_CONFIG (351) not served");
        } finally {
            client.shutdown();
        }
    }

    private static Map<Integer, String> requestCodes() throws IllegalAccessException {
        Map<Integer, String> codes = new TreeMap<>();
        for (Field field : RequestCode.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                codes.putIfAbsent(field.getInt(null), field.getName());
            }
        }
        return codes;
    }
}
