package io.apogee.console.message;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.console.view.ClusterView;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether each group consuming a message's topic has passed the message: its committed offset of the message's queue
 * is beyond the message's queue offset ({@code CONSUMED}), not yet ({@code NOT_CONSUMED}), or it has no offset there
 * ({@code UNKNOWN}, with why). At most {@link #MAX_GROUPS} groups are asked, one progress request each.
 */
public final class ConsumeStatusOfMessage {

    /** Groups asked at most per message. */
    public static final int MAX_GROUPS = 32;

    private ConsumeStatusOfMessage() {
    }

    /** One row per group: {@code group}, {@code status}, {@code consumerOffset}, {@code reason}. */
    public static List<JSONObject> of(DefaultMQAdminExt admin, ClusterView.Snapshot snapshot, MessageExt m)
            throws InterruptedException {
        String topic = m.getTopic();
        Set<String> groups = new TreeSet<>();
        snapshot.groups().stream().filter(g -> g.topics().contains(topic)).forEach(g -> groups.add(g.name()));
        try {
            groups.addAll(admin.queryTopicConsumeByWho(topic));
        } catch (MQClientException | MQBrokerException | RemotingException e) {
            // the snapshot's groups are still shown; a topic nobody consumes online answers so
        }
        String brokerName = MessageJson.brokerName(snapshot, m.getStoreHost());
        List<JSONObject> rows = new ArrayList<>();
        for (String group : groups) {
            if (rows.size() == MAX_GROUPS) {
                break;
            }
            rows.add(statusOf(admin, group, topic, brokerName, m));
        }
        return rows;
    }

    private static JSONObject statusOf(DefaultMQAdminExt admin, String group, String topic, String brokerName,
            MessageExt m) throws InterruptedException {
        JSONObject row = JSONObject.of("group", group);
        ConsumeStats stats;
        try {
            stats = admin.examineConsumeStats(group, topic);
        } catch (MQClientException | MQBrokerException | RemotingException e) {
            return status(row, "UNKNOWN", "its progress could not be read: " + e.getMessage());
        }
        for (Map.Entry<MessageQueue, OffsetWrapper> e : stats.getOffsetTable().entrySet()) {
            MessageQueue q = e.getKey();
            if (q.getTopic().equals(topic) && q.getQueueId() == m.getQueueId()
                    && (brokerName == null || brokerName.equals(q.getBrokerName()))) {
                long consumerOffset = e.getValue().getConsumerOffset();
                row.put("consumerOffset", consumerOffset);
                return consumerOffset > m.getQueueOffset() ? status(row, "CONSUMED", null)
                        : status(row, "NOT_CONSUMED", null);
            }
        }
        return status(row, "UNKNOWN", "the group has committed no offset in queue " + m.getQueueId());
    }

    private static JSONObject status(JSONObject row, String status, String reason) {
        row.put("status", status);
        row.put("reason", reason);
        return row;
    }
}
