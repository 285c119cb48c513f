package io.apogee.tools.admin.command;

import com.alibaba.fastjson2.JSON;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragely;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** Sub-commands about how a topic's queues are spread: updateOrderConf and allocateMQ. */
public final class TopicOrderCommands {

    /** The NameServer KV namespace of order topics' broker:queue-count lists. */
    static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private TopicOrderCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("updateOrderConf", "Create or update or delete order conf", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("v", "orderConf", false, "set order conf [eg. brokerName1:num;brokerName2:num]"),
                        Opts.arg("m", "method", true, "option type [eg. put|get|delete")),
                        TopicOrderCommands::orderConf),
                new Command("allocateMQ", "Allocate MQ", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("i", "ipList", true, "ipList")), TopicOrderCommands::allocate));
    }

    private static void orderConf(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        switch (line.getOptionValue('m')) {
            case "get" -> session.out().printf("get orderConf success. topic=[%s], orderConf=[%s]%n", topic,
                    session.admin().getKVConfig(ORDER_TOPIC_CONFIG, topic));
            case "put" -> {
                String conf = line.getOptionValue('v');
                if (conf == null || !conf.matches("[^:;]+:\\d+(;[^:;]+:\\d+)*")) {
                    throw new CommandFailedException("put needs -v brokerName:queueCount[;brokerName:queueCount]");
                }
                session.admin().putKVConfig(ORDER_TOPIC_CONFIG, topic, conf);
                session.out().printf("update orderConf success. topic=[%s], orderConf=[%s]%n", topic, conf);
            }
            case "delete" -> {
                session.admin().deleteKVConfig(ORDER_TOPIC_CONFIG, topic);
                session.out().printf("delete orderConf success. topic=[%s]%n", topic);
            }
            default -> throw new CommandFailedException("-m must be put, get or delete, not "
                    + line.getOptionValue('m'));
        }
    }

    /** How the averaging strategy spreads the topic's readable queues over consumers at the listed addresses. */
    private static void allocate(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        TopicRouteData route = Routes.of(session, topic);
        List<MessageQueue> all = new ArrayList<>();
        for (QueueData q : route.queueDatas()) {
            if (Permission.isReadable(q.perm())) {
                for (int i = 0; i < q.readQueueNums(); i++) {
                    all.add(new MessageQueue(topic, q.brokerName(), i));
                }
            }
        }
        List<String> ips = Arrays.stream(line.getOptionValue('i').split(",")).map(String::trim)
                .filter(ip -> !ip.isEmpty()).sorted().toList();
        if (ips.isEmpty()) {
            throw new CommandFailedException("-i needs at least one address, e.g. 10.0.0.1,10.0.0.2");
        }
        AllocateMessageQueueAveragely strategy = new AllocateMessageQueueAveragely();
        Map<String, List<MessageQueue>> result = new LinkedHashMap<>();
        for (String ip : ips) {
            result.put(ip, strategy.allocate("", ip, all, ips));
        }
        session.out().println(JSON.toJSONString(Map.of("result", result)));
    }
}
