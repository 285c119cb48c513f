package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/**
 * SEND_MESSAGE_V2 (310), SEND_BATCH_MESSAGE (320) and SEND_REPLY_MESSAGE_V2 (325) request: the fields of
 * {@link SendMessageRequestHeader} under one-letter keys, to keep a hot-path header small (codes.md §3.1.1).
 * Convert with {@link #fromV1} / {@link #toV1}; the letters are never used elsewhere.
 */
public class SendMessageRequestHeaderV2 implements CommandCustomHeader {

    /** producerGroup. */
    @Required
    private String a;
    /** topic. */
    @Required
    private String b;
    /** defaultTopic. */
    @Required
    private String c;
    /** defaultTopicQueueNums. */
    @Required
    private Integer d;
    /** queueId. */
    @Required
    private Integer e;
    /** sysFlag. */
    @Required
    private Integer f;
    /** bornTimestamp. */
    @Required
    private Long g;
    /** flag. */
    @Required
    private Integer h;
    /** properties. */
    private String i;
    /** reconsumeTimes. */
    private Integer j;
    /** unitMode. */
    private boolean k;
    /** maxReconsumeTimes. */
    private Integer l;
    /** batch. */
    private boolean m;
    /** bname: the target broker name. */
    private String n;

    /** The short form of {@code v1}. */
    public static SendMessageRequestHeaderV2 fromV1(SendMessageRequestHeader v1) {
        SendMessageRequestHeaderV2 v2 = new SendMessageRequestHeaderV2();
        v2.a = v1.getProducerGroup();
        v2.b = v1.getTopic();
        v2.c = v1.getDefaultTopic();
        v2.d = v1.getDefaultTopicQueueNums();
        v2.e = v1.getQueueId();
        v2.f = v1.getSysFlag();
        v2.g = v1.getBornTimestamp();
        v2.h = v1.getFlag();
        v2.i = v1.getProperties();
        v2.j = v1.getReconsumeTimes();
        v2.k = v1.isUnitMode();
        v2.l = v1.getMaxReconsumeTimes();
        v2.m = v1.isBatch();
        v2.n = v1.getBname();
        return v2;
    }

    /** The long form of this header. */
    public SendMessageRequestHeader toV1() {
        SendMessageRequestHeader v1 = new SendMessageRequestHeader();
        v1.setProducerGroup(a);
        v1.setTopic(b);
        v1.setDefaultTopic(c);
        v1.setDefaultTopicQueueNums(d);
        v1.setQueueId(e);
        v1.setSysFlag(f);
        v1.setBornTimestamp(g);
        v1.setFlag(h);
        v1.setProperties(i);
        v1.setReconsumeTimes(j);
        v1.setUnitMode(k);
        v1.setMaxReconsumeTimes(l);
        v1.setBatch(m);
        v1.setBname(n);
        return v1;
    }
}
