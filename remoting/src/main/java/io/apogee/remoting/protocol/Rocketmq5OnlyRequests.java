package io.apogee.remoting.protocol;

import java.util.Map;

/**
 * The request codes RocketMQ 5.3.3 added that we do not serve (pop, proxy, controller, timer, static topics, auth 2.0,
 * group read-forbidden, cold data, RocksDB, broker container), by their RocketMQ names, so that refusing one names it.
 */
public final class Rocketmq5OnlyRequests {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(18, "UPDATE_AND_CREATE_TOPIC_LIST"),
            Map.entry(47, "GET_CLIENT_CONFIG"),
            Map.entry(60, "GET_TIMER_CHECK_POINT"),
            Map.entry(61, "GET_TIMER_METRICS"),
            Map.entry(217, "REGISTER_TOPIC_IN_NAMESRV"),
            Map.entry(225, "UPDATE_AND_CREATE_SUBSCRIPTIONGROUP_LIST"),
            Map.entry(353, "UPDATE_AND_GET_GROUP_FORBIDDEN"),
            Map.entry(354, "CHECK_ROCKSDB_CQ_WRITE_PROGRESS"),
            Map.entry(355, "EXPORT_ROCKSDB_CONFIG_TO_JSON"),
            Map.entry(370, "RECALL_MESSAGE"),
            Map.entry(400, "QUERY_ASSIGNMENT"),
            Map.entry(401, "SET_MESSAGE_REQUEST_MODE"),
            Map.entry(402, "GET_ALL_MESSAGE_REQUEST_MODE"),
            Map.entry(513, "UPDATE_AND_CREATE_STATIC_TOPIC"),
            Map.entry(901, "GET_BROKER_MEMBER_GROUP"),
            Map.entry(902, "ADD_BROKER"),
            Map.entry(903, "REMOVE_BROKER"),
            Map.entry(904, "BROKER_HEARTBEAT"),
            Map.entry(905, "NOTIFY_MIN_BROKER_ID_CHANGE"),
            Map.entry(906, "EXCHANGE_BROKER_HA_INFO"),
            Map.entry(907, "GET_BROKER_HA_STATUS"),
            Map.entry(908, "RESET_MASTER_FLUSH_OFFSET"),
            Map.entry(1001, "CONTROLLER_ALTER_SYNC_STATE_SET"),
            Map.entry(1002, "CONTROLLER_ELECT_MASTER"),
            Map.entry(1003, "CONTROLLER_REGISTER_BROKER"),
            Map.entry(1004, "CONTROLLER_GET_REPLICA_INFO"),
            Map.entry(1005, "CONTROLLER_GET_METADATA_INFO"),
            Map.entry(1006, "CONTROLLER_GET_SYNC_STATE_DATA"),
            Map.entry(1007, "GET_BROKER_EPOCH_CACHE"),
            Map.entry(1008, "NOTIFY_BROKER_ROLE_CHANGED"),
            Map.entry(1009, "UPDATE_CONTROLLER_CONFIG"),
            Map.entry(1010, "GET_CONTROLLER_CONFIG"),
            Map.entry(1011, "CLEAN_BROKER_DATA"),
            Map.entry(1012, "CONTROLLER_GET_NEXT_BROKER_ID"),
            Map.entry(1013, "CONTROLLER_APPLY_BROKER_ID"),
            Map.entry(2001, "UPDATE_COLD_DATA_FLOW_CTR_CONFIG"),
            Map.entry(2002, "REMOVE_COLD_DATA_FLOW_CTR_CONFIG"),
            Map.entry(2003, "GET_COLD_DATA_FLOW_CTR_INFO"),
            Map.entry(2004, "SET_COMMITLOG_READ_MODE"),
            Map.entry(3001, "AUTH_CREATE_USER"),
            Map.entry(3002, "AUTH_UPDATE_USER"),
            Map.entry(3003, "AUTH_DELETE_USER"),
            Map.entry(3004, "AUTH_GET_USER"),
            Map.entry(3005, "AUTH_LIST_USER"),
            Map.entry(3006, "AUTH_CREATE_ACL"),
            Map.entry(3007, "AUTH_UPDATE_ACL"),
            Map.entry(3008, "AUTH_DELETE_ACL"),
            Map.entry(3009, "AUTH_GET_ACL"),
            Map.entry(3010, "AUTH_LIST_ACL"),
            Map.entry(200050, "POP_MESSAGE"),
            Map.entry(200051, "ACK_MESSAGE"),
            Map.entry(200052, "PEEK_MESSAGE"),
            Map.entry(200053, "CHANGE_MESSAGE_INVISIBLETIME"),
            Map.entry(200054, "NOTIFICATION"),
            Map.entry(200055, "POLLING_INFO"),
            Map.entry(200056, "POP_ROLLBACK"),
            Map.entry(200151, "BATCH_ACK_MESSAGE"));

    private Rocketmq5OnlyRequests() {
    }

    /**
     * The REQUEST_CODE_NOT_SUPPORTED remark for {@code code}: RocketMQ's {@code " request type <n> not supported"},
     * with the request's name for a RocketMQ 5 code we do not serve.
     */
    public static String notSupportedRemark(int code) {
        String name = NAMES.get(code);
        return name == null ? " request type " + code + " not supported"
                : " request type " + code + " (" + name + ", RocketMQ 5 only) not supported";
    }
}
