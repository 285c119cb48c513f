package io.apogee.common.message;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message as a producer sends it: topic, user flag, properties (insertion-ordered, names as in
 * {@link MessageProperty}) and body. Mutable, not thread-safe.
 *
 * <p>The properties have one representation at a time: the map, or the encoded properties string a stored or decoded
 * message was given (see {@link MessageExt#setPropertiesString}). Reading one property reads the string; the
 * first call that needs the map ({@link #getProperties}, {@link #putProperty}) decodes it, and from then on the map
 * is the properties and the string is gone. Printing and comparing a message change neither.
 */
public class Message {

    private String topic;
    private int flag;
    /** The properties, or {@code null} while they are held as {@link #encodedProperties}. */
    private Map<String, String> properties;
    /** The properties as encoded, only while {@link #properties} is {@code null}. */
    private String encodedProperties;
    private byte[] body;
    /** The transaction id a transactional producer gave the message (client-side only, never sent). */
    private String transactionId;

    /** A message without properties (held as the empty string until the map is needed). */
    public Message() {
        this.encodedProperties = "";
    }

    public Message(String topic, byte[] body) {
        this();
        this.topic = topic;
        this.body = body;
    }

    /** A message with a tag (RocketMQ's {@code Message(topic, tags, body)}); a null tag is left unset. */
    public Message(String topic, String tags, byte[] body) {
        this(topic, tags, null, body);
    }

    /** A message with a tag and keys (space-separated), as RocketMQ's {@code Message(topic, tags, keys, body)}. */
    public Message(String topic, String tags, String keys, byte[] body) {
        this(topic, body);
        if (tags != null && !tags.isEmpty()) {
            setTags(tags);
        }
        if (keys != null && !keys.isEmpty()) {
            setKeys(keys);
        }
    }

    /**
     * RocketMQ's full constructor: tags and keys as in {@link #Message(String, String, String, byte[])}, the user
     * {@code flag}, and whether the send waits for the flush (and, on a SYNC_MASTER, the slave).
     */
    public Message(String topic, String tags, String keys, int flag, byte[] body, boolean waitStoreMsgOK) {
        this(topic, tags, keys, body);
        this.flag = flag;
        setWaitStoreMsgOK(waitStoreMsgOK);
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public int getFlag() {
        return flag;
    }

    public void setFlag(int flag) {
        this.flag = flag;
    }

    public byte[] getBody() {
        return body;
    }

    public void setBody(byte[] body) {
        this.body = body;
    }

    /** The live property map (insertion-ordered); changes are seen by encoders. */
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = PropertiesCodec.decode(encodedProperties);
            encodedProperties = null;
        }
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties == null ? new LinkedHashMap<>() : properties;
        this.encodedProperties = null;
    }

    public String getProperty(String name) {
        return properties != null ? properties.get(name) : PropertiesCodec.find(encodedProperties, name);
    }

    /** Sets a property; a {@code null} value removes it. */
    public void putProperty(String name, String value) {
        if (value == null) {
            getProperties().remove(name);
        } else {
            getProperties().put(name, value);
        }
    }

    /**
     * Sets an application property, as RocketMQ's {@code putUserProperty}.
     *
     * @throws IllegalArgumentException when {@code name} is one of {@link MessageProperty#RESERVED} or either is
     *                                  null or blank
     */
    public void putUserProperty(String name, String value) {
        if (name != null && MessageProperty.RESERVED.contains(name)) {
            throw new IllegalArgumentException(String.format(
                    "The Property<%s> is used by system, input another please", name));
        }
        if (name == null || value == null || name.trim().isEmpty() || value.trim().isEmpty()) {
            throw new IllegalArgumentException("The name or value of property can not be null or blank string!");
        }
        putProperty(name, value);
    }

    /** An application property (any property, as RocketMQ's {@code getUserProperty}), or {@code null}. */
    public String getUserProperty(String name) {
        return getProperty(name);
    }

    /** The properties string: the one given if the map was never needed, else the map encoded. */
    String encodedProperties() {
        return properties == null ? encodedProperties : PropertiesCodec.encode(properties);
    }

    /** The properties for reading only: decoding a held string does not replace it (equals, hashCode, toString). */
    Map<String, String> propertiesView() {
        return properties != null ? properties : PropertiesCodec.decode(encodedProperties);
    }

    /** Replaces the properties by an encoded string, kept as given until the map is needed. */
    void encodedProperties(String encoded) {
        this.encodedProperties = encoded == null ? "" : encoded;
        this.properties = null;
    }

    public String getTags() {
        return getProperty(MessageProperty.TAGS);
    }

    public void setTags(String tags) {
        putProperty(MessageProperty.TAGS, tags);
    }

    public String getKeys() {
        return getProperty(MessageProperty.KEYS);
    }

    /** The keys as written in {@link MessageProperty#KEYS}, split on {@link MessageProperty#KEY_SEPARATOR}. */
    public List<String> getKeyList() {
        String keys = getKeys();
        return keys == null || keys.isEmpty() ? List.of() : Arrays.asList(keys.split(MessageProperty.KEY_SEPARATOR));
    }

    public void setKeys(String keys) {
        putProperty(MessageProperty.KEYS, keys);
    }

    /** Joins {@code keys} with {@link MessageProperty#KEY_SEPARATOR} into {@link MessageProperty#KEYS}. */
    public void setKeys(Collection<String> keys) {
        putProperty(MessageProperty.KEYS, String.join(MessageProperty.KEY_SEPARATOR, keys));
    }

    /** The client-generated unique id ({@code UNIQ_KEY}), or {@code null}. */
    public String getUniqueKey() {
        return getProperty(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }

    /** Whether the sender waits for flush/replication; true unless {@code WAIT} is "false". */
    public boolean isWaitStoreMsgOK() {
        String wait = getProperty(MessageProperty.WAIT_STORE_MSG_OK);
        return wait == null || Boolean.parseBoolean(wait);
    }

    /** Sets the {@code WAIT} property: whether the send waits for the flush (and a SYNC_MASTER's slave). */
    public void setWaitStoreMsgOK(boolean waitStoreMsgOK) {
        putProperty(MessageProperty.WAIT_STORE_MSG_OK, Boolean.toString(waitStoreMsgOK));
    }

    /** Delay level, 0 when none or unparsable. */
    public int getDelayTimeLevel() {
        String level = getProperty(MessageProperty.DELAY_TIME_LEVEL);
        if (level == null) {
            return 0;
        }
        try {
            return Integer.parseInt(level);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Delivers the message after delay level {@code level} (1s 5s 10s 30s 1m ... 2h by default; 0 for none). */
    public void setDelayTimeLevel(int level) {
        putProperty(MessageProperty.DELAY_TIME_LEVEL, Integer.toString(level));
    }

    public String getBuyerId() {
        return getProperty(MessageProperty.BUYER_ID);
    }

    public void setBuyerId(String buyerId) {
        putProperty(MessageProperty.BUYER_ID, buyerId);
    }

    public void setInstanceId(String instanceId) {
        putProperty(MessageProperty.INSTANCE_ID, instanceId);
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        Message m = (Message) o;
        return flag == m.flag && Objects.equals(topic, m.topic) && propertiesView().equals(m.propertiesView())
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, flag, propertiesView()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", flag=" + flag + ", properties=" + propertiesView() + ", bodyLength="
                + (body == null ? 0 : body.length) + "]";
    }
}
