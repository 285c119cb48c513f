package io.apogee.console.message;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.MessageExt;
import io.apogee.console.http.ApiException;
import io.apogee.console.view.ClusterView;
import io.apogee.remoting.exception.RemotingException;
import java.util.List;

/**
 * Finds messages by id and checks the topics asked about. A message id is either a broker's offset message id (store
 * host and commit-log offset, read with viewMessage from that broker, which must be one of the cluster's: the console
 * is no proxy to anywhere) or a client's {@code UNIQ_KEY} (found in the topic's key index, so the topic is needed).
 */
public final class MessageLookup {

    /** Messages a key query returns at most. */
    public static final int MAX_BY_KEY = 64;

    private final DefaultMQAdminExt admin;
    private final ClusterView cluster;

    public MessageLookup(DefaultMQAdminExt admin, ClusterView cluster) {
        this.admin = admin;
        this.cluster = cluster;
    }

    /**
     * The message(s) with id {@code msgId}: by offset id when it is one of a broker of the cluster, else by
     * {@code UNIQ_KEY} in {@code topic} ({@code null} when not given).
     *
     * @throws ApiException 400 when the id needs a topic and none was given, 404 when nothing has that id
     */
    public List<MessageExt> byId(String topic, String msgId)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        if (isBrokerOffsetId(msgId)) {
            try {
                return List.of(admin.viewMessage(msgId));
            } catch (MQBrokerException | RemotingException e) {
                if (topic == null) {
                    throw ApiException.notFound("no message with offset id " + msgId + ": the broker answered "
                            + e.getMessage());
                }
            }
        }
        if (topic == null) {
            throw ApiException.badRequest("msgId " + msgId + " is no offset id of a broker of this cluster; to find "
                    + "it as a client message id (UNIQ_KEY) give the topic too");
        }
        requireTopic(topic);
        List<MessageExt> found = admin.queryMessageByUniqueKey(topic, msgId);
        if (found.isEmpty()) {
            throw ApiException.notFound("no message with id " + msgId + " in topic " + topic);
        }
        return found;
    }

    /** Messages of {@code topic} with key {@code key} stored in {@code [begin, end]}, at most {@link #MAX_BY_KEY}. */
    public List<MessageExt> byKey(String topic, String key, long begin, long end)
            throws MQClientException, MQBrokerException, InterruptedException, RemotingException {
        requireTopic(topic);
        return admin.queryMessage(topic, key, MAX_BY_KEY, begin, end).getMessageList();
    }

    /**
     * Checks that {@code topic} exists (in the snapshot, or else in the NameServer's routes).
     *
     * @throws ApiException 404 naming it when it does not
     */
    public void requireTopic(String topic) throws MQClientException, InterruptedException, RemotingException {
        if (cluster.current().topics().stream().anyMatch(t -> t.name().equals(topic))) {
            return;
        }
        try {
            admin.examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (e.getResponseCode() == AdminResponseCode.TOPIC_NOT_EXIST) {
                throw ApiException.notFound("no topic " + topic + " in the cluster");
            }
            throw e;
        }
    }

    private boolean isBrokerOffsetId(String msgId) {
        String addr;
        try {
            addr = MessageJson.host(OffsetMessageId.decode(msgId).storeHost());
        } catch (IllegalArgumentException e) {
            return false; // not hex of an offset id's length, or no valid port: a client id
        }
        return cluster.current().cluster().brokers().stream().anyMatch(b -> b.addr().equals(addr));
    }
}
