package io.apogee.tools.admin.command;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;

/**
 * Sub-commands that write a cluster's state to a JSON file under {@code -f} (default {@code /tmp/rocketmq/export}):
 * exportMetadata (topics and subscription groups), exportConfigs (the brokers' main keys and the cluster's size),
 * exportMetrics (each broker's runtime figures and the cluster's totals).
 */
public final class ExportCommands {

    private static final String DEFAULT_DIR = "/tmp/rocketmq/export";
    /** The broker keys exportConfigs writes, RocketMQ's selection. */
    private static final List<String> CONFIG_KEYS = List.of("brokerClusterName", "brokerId", "brokerName",
            "brokerRole", "fileReservedTime", "filterServerNums", "flushDiskType", "maxMessageSize",
            "messageDelayLevel", "msgTraceTopicName", "slaveReadEnable", "traceOn", "traceTopicEnable", "useTLS",
            "autoCreateTopicEnable", "autoCreateSubscriptionGroup");

    private ExportCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("exportMetadata", "export metadata", Opts.of(
                        Opts.arg("c", "clusterName", false, "choose a cluster to export"),
                        Opts.arg("b", "brokerAddr", false, "choose a broker to export"),
                        Opts.arg("f", "filePath", false, "export metadata.json path | default " + DEFAULT_DIR),
                        Opts.flag("t", "topic", "only export topic metadata"),
                        Opts.flag("g", "subscriptionGroup", "only export subscriptionGroup metadata"),
                        Opts.flag("s", "specialTopic", "need retryTopic and dlqTopic")), ExportCommands::metadata),
                new Command("exportConfigs", "export configs", Opts.of(
                        Opts.arg("c", "clusterName", true, "choose a cluster to export"),
                        Opts.arg("f", "filePath", false, "export configs.json path | default " + DEFAULT_DIR)),
                        ExportCommands::configs),
                new Command("exportMetrics", "export metrics", Opts.of(
                        Opts.arg("c", "clusterName", true, "choose a cluster to export"),
                        Opts.arg("f", "filePath", false, "export metrics.json path | default " + DEFAULT_DIR)),
                        ExportCommands::metrics));
    }

    private static void metadata(CommandLine line, AdminSession session) throws Exception {
        boolean special = line.hasOption('s');
        Map<String, TopicConfig> topics = new TreeMap<>();
        Map<String, SubscriptionGroupConfig> groups = new TreeMap<>();
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().getAllTopicConfig(addr).forEach((name, config) -> {
                boolean groupTopic = SystemTopics.isRetryTopic(name)
                        || name.startsWith(SystemTopics.DLQ_GROUP_TOPIC_PREFIX);
                if (special || !groupTopic) {
                    topics.merge(name, config, (a, b) -> a.getReadQueueNums() >= b.getReadQueueNums() ? a : b);
                }
            });
            groups.putAll(session.admin().getAllSubscriptionGroup(addr));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String file = "metadata.json";
        if (line.hasOption('t')) {
            file = "topic.json";
            out.put("topicConfigTable", topics);
        } else if (line.hasOption('g')) {
            file = "subscriptionGroup.json";
            out.put("subscriptionGroupTable", groups);
        } else {
            out.put("topicConfigTable", topics);
            out.put("subscriptionGroupTable", groups);
        }
        out.put("exportTime", System.currentTimeMillis());
        write(line, session, file, out);
    }

    private static void configs(CommandLine line, AdminSession session) throws Exception {
        String cluster = line.getOptionValue('c');
        Map<String, Object> brokerConfigs = new TreeMap<>();
        int masters = 0;
        int slaves = 0;
        for (BrokerData broker : brokersOf(session, cluster)) {
            for (Map.Entry<Long, String> node : broker.brokerAddrs().entrySet()) {
                if (node.getKey() == BrokerData.MASTER_ID) {
                    masters++;
                    Properties all = session.admin().getBrokerConfig(node.getValue());
                    Map<String, String> chosen = new LinkedHashMap<>();
                    CONFIG_KEYS.stream().filter(all::containsKey).forEach(k -> chosen.put(k, all.getProperty(k)));
                    brokerConfigs.put(broker.brokerName(), chosen);
                } else {
                    slaves++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brokerConfigs", brokerConfigs);
        out.put("clusterScale", Map.of("namesrvSize", session.admin().getNameServerAddressList().size(),
                "masterBrokerSize", masters, "slaveBrokerSize", slaves));
        write(line, session, "configs.json", out);
    }

    private static void metrics(CommandLine line, AdminSession session) throws Exception {
        String cluster = line.getOptionValue('c');
        Map<String, Object> brokers = new TreeMap<>();
        long putToday = 0;
        long getToday = 0;
        for (BrokerData broker : brokersOf(session, cluster)) {
            String addr = broker.brokerAddrs().get(BrokerData.MASTER_ID);
            if (addr == null) {
                continue;
            }
            Map<String, String> stats = new TreeMap<>(session.admin().fetchBrokerRuntimeStats(addr));
            putToday += number(stats.get("msgPutTotalTodayNow")) - number(stats.get("msgPutTotalTodayMorning"));
            getToday += number(stats.get("msgGetTotalTodayNow")) - number(stats.get("msgGetTotalTodayMorning"));
            brokers.put(broker.brokerName(), Map.of("address", addr, "runtime", stats));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brokers", brokers);
        out.put("totalData", Map.of("totalOneDayPutNum", putToday, "totalOneDayGetNum", getToday));
        write(line, session, "metrics.json", out);
    }

    private static List<BrokerData> brokersOf(AdminSession session, String cluster) throws Exception {
        ClusterInfo info = session.admin().examineBrokerClusterInfo();
        Set<String> names = info.clusterAddrTable().get(cluster);
        if (names == null || names.isEmpty()) {
            throw new CommandFailedException("No broker of a cluster named " + cluster + " is online: see clusterList");
        }
        return names.stream().sorted().map(info.brokerAddrTable()::get).filter(b -> b != null).toList();
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void write(CommandLine line, AdminSession session, String name, Map<String, Object> content)
            throws CommandFailedException {
        Path file = Path.of(line.getOptionValue('f', DEFAULT_DIR).trim(), name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.toJSONString(content, JSONWriter.Feature.PrettyFormat),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + file + ": " + e.getMessage());
        }
        session.out().printf("export %s success%n", file);
    }
}
