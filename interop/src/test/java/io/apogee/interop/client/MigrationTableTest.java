package io.apogee.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's migration table ("Moving an application to Apogee's client") stays true: every RocketMQ 4.9 class in
 * its left column is one of the official jars' and every class in its right column is ours; and the classes whose
 * every public method ours has, by name and parameter count, keep having them.
 */
class MigrationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(org\\.apache\\.rocketmq\\.[\\w.]+)` \\| `(io\\.apogee"
            + "\\.[\\w.]+)`.*\\|$");
    /** RocketMQ's classes of which ours has every public method (RocketMQ's own, not Object's). */
    private static final Set<String> COMPLETE = Set.of("TransactionListener", "LocalTransactionState", "SendStatus",
            "SendCallback", "RequestCallback", "MessageQueueSelector", "SelectMessageQueueByHash",
            "SelectMessageQueueByRandom", "SelectMessageQueueByMachineRoom", "MessageSelector", "MessageQueueListener",
            "TopicMessageQueueChangeListener", "PullCallback", "PullStatus", "AllocateMessageQueueStrategy",
            "AllocateMessageQueueByConfig", "AllocateMessageQueueByMachineRoom", "AllocateMessageQueueConsistentHash",
            "AllocateMachineRoomNearby", "ConsumeConcurrentlyContext", "ConsumeConcurrentlyStatus",
            "ConsumeOrderlyContext", "ConsumeOrderlyStatus", "MessageListener", "MessageListenerConcurrently",
            "MessageListenerOrderly", "ReadOffsetType", "MQBrokerException", "RequestTimeoutException", "MessageQueue",
            "ConsumeFromWhere", "RPCHook", "RemotingException", "RemotingConnectException",
            "RemotingSendRequestException", "RemotingTimeoutException", "RemotingTooMuchRequestException",
            "AclClientRPCHook", "SessionCredentials", "QueryResult", "Message", "ClientConfig", "AccessChannel",
            "DefaultMQProducer", "TransactionMQProducer", "LocalTransactionExecuter", "TransactionCheckListener",
            "DefaultMQPushConsumer", "AllocateMessageQueueAveragely", "AllocateMessageQueueAveragelyByCircle",
            "MQClientException", "MessageModel", "DefaultLitePullConsumer", "DefaultMQPullConsumer",
            "MessageExt", "TopicConfig", "MQAdmin", "MQProducer", "MQConsumer", "MQPushConsumer", "MQPullConsumer",
            "LitePullConsumer", "MessageTrack", "TrackType", "MessageBatch", "PlainAccessConfig",
            "PullResult");
    /** Accessors of RocketMQ's internal implementation objects, which have no counterpart here (README says so). */
    private static final Set<String> INTERNALS = Set.of("getDefaultMQProducerImpl/0",
            "getDefaultMQPushConsumerImpl/0", "getDefaultMQPullConsumerImpl/0");

    @Test
    void everyRowNamesTwoRealClassesAndCompleteOnesKeepEveryMethod() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme())) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(1), row.group(2));
            }
        }
        assertTrue(rows.size() >= 60, "the README's migration table has " + rows.size() + " rows");

        List<String> problems = new ArrayList<>();
        Set<String> complete = new TreeSet<>();
        for (Map.Entry<String, String> row : rows.entrySet()) {
            Class<?> theirs = load(row.getKey(), problems);
            Class<?> ours = load(row.getValue(), problems);
            if (theirs == null || ours == null || !COMPLETE.contains(theirs.getSimpleName())) {
                continue;
            }
            complete.add(theirs.getSimpleName());
            Set<String> mine = new TreeSet<>();
            for (Method method : ours.getMethods()) {
                mine.add(method.getName() + "/" + method.getParameterCount());
            }
            for (Method method : theirs.getMethods()) {
                String signature = method.getName() + "/" + method.getParameterCount();
                if (method.getDeclaringClass().getName().startsWith("org.apache.rocketmq.") && !method.isSynthetic()
                        && !mine.contains(signature) && !INTERNALS.contains(signature)) {
                    problems.add(ours.getName() + " lacks " + signature + " of " + theirs.getName());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(COMPLETE, complete, "classes of the complete list that the table does not name");
    }

    private static Class<?> load(String name, List<String> problems) {
        try {
            return Class.forName(name, false, MigrationTableTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            problems.add("no class " + name);
            return null;
        }
    }

    /** The project's README, found from the module directory the test runs in or from the project root. */
    private static Path readme() {
        for (Path candidate : List.of(Path.of("..", "README.md"), Path.of("README.md"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md in " + Path.of("").toAbsolutePath() + " or its parent");
    }
}
