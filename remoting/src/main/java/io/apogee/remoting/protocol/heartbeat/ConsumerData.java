package io.apogee.remoting.protocol.heartbeat;

import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** One consumer group of a client with its subscriptions, as announced in its heartbeat. */
public class ConsumerData {

    private String groupName;
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;
    private Set<SubscriptionData> subscriptionDataSet = new LinkedHashSet<>();
    private boolean unitMode;

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    public ConsumeType getConsumeType() {
        return consumeType;
    }

    public void setConsumeType(ConsumeType consumeType) {
        this.consumeType = consumeType;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public Set<SubscriptionData> getSubscriptionDataSet() {
        return subscriptionDataSet;
    }

    public void setSubscriptionDataSet(Set<SubscriptionData> subscriptionDataSet) {
        this.subscriptionDataSet = subscriptionDataSet;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerData c && unitMode == c.unitMode && Objects.equals(groupName, c.groupName)
                && consumeType == c.consumeType && messageModel == c.messageModel
                && consumeFromWhere == c.consumeFromWhere
                && Objects.equals(subscriptionDataSet, c.subscriptionDataSet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupName, consumeType, messageModel, consumeFromWhere, subscriptionDataSet, unitMode);
    }

    @Override
    public String toString() {
        return "ConsumerData[group=" + groupName + ", " + consumeType + ", " + messageModel + ", " + consumeFromWhere
                + ", subscriptions=" + subscriptionDataSet + "]";
    }
}
