package io.apogee.client.admin;

/** One consumer group's standing with one message ({@link DefaultMQAdminExt#messageTrackDetail}), as RocketMQ's. */
public class MessageTrack {

    private String consumerGroup;
    private TrackType trackType;
    private String exceptionDesc;

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public TrackType getTrackType() {
        return trackType;
    }

    public void setTrackType(TrackType trackType) {
        this.trackType = trackType;
    }

    /** Why the standing is {@code NOT_ONLINE} or {@code UNKNOWN}, or null. */
    public String getExceptionDesc() {
        return exceptionDesc;
    }

    public void setExceptionDesc(String exceptionDesc) {
        this.exceptionDesc = exceptionDesc;
    }

    @Override
    public String toString() {
        return "MessageTrack [consumerGroup=" + consumerGroup + ", trackType=" + trackType + ", exceptionDesc="
                + exceptionDesc + "]";
    }
}
