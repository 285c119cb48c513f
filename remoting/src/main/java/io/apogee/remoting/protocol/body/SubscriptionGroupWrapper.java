package io.apogee.remoting.protocol.body;

import io.apogee.common.admin.SubscriptionGroupConfig;
import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) response body. The data version is kept as raw JSON so this class needs no route type. */
public class SubscriptionGroupWrapper {

    private Map<String, SubscriptionGroupConfig> subscriptionGroupTable = new LinkedHashMap<>();
    /** {@code counter} and {@code timestamp} */
    private Map<String, Object> dataVersion;

    /** Parses a body written by Apache RocketMQ or by us. */
    public static SubscriptionGroupWrapper decode(byte[] body) {
        return JSON.parseObject(body, SubscriptionGroupWrapper.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<String, SubscriptionGroupConfig> getSubscriptionGroupTable() {
        return subscriptionGroupTable;
    }

    public void setSubscriptionGroupTable(Map<String, SubscriptionGroupConfig> subscriptionGroupTable) {
        this.subscriptionGroupTable = subscriptionGroupTable;
    }

    public Map<String, Object> getDataVersion() {
        return dataVersion;
    }

    public void setDataVersion(Map<String, Object> dataVersion) {
        this.dataVersion = dataVersion;
    }
}
