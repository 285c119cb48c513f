package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashSet;
import java.util.Set;

/** QUERY_TOPIC_CONSUME_BY_WHO (300) response body: the groups consuming a topic. */
public class GroupList {

    private Set<String> groupList = new LinkedHashSet<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static GroupList decode(byte[] body) {
        return JSON.parseObject(body, GroupList.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Set<String> getGroupList() {
        return groupList;
    }

    public void setGroupList(Set<String> groupList) {
        this.groupList = groupList;
    }
}
