package io.apogee.client.consumer.store;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.BrokerData;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Offsets kept by the brokers, for clustering consumers: read with QUERY_CONSUMER_OFFSET, written oneway. */
public class RemoteBrokerOffsetStore extends MemoryOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteBrokerOffsetStore.class);

    private final MQClientInstance instance;
    private final String group;

    public RemoteBrokerOffsetStore(MQClientInstance instance, String group) {
        this.instance = instance;
        this.group = group;
    }

    @Override
    public void load() {
        // Nothing local: offsets are read from the broker on demand.
    }

    @Override
    public long readOffset(MessageQueue mq, ReadOffsetType type) {
        if (type != ReadOffsetType.READ_FROM_STORE) {
            long memory = memoryOffset(mq);
            if (memory != NO_OFFSET || type == ReadOffsetType.READ_FROM_MEMORY) {
                return memory;
            }
        }
        String addr = brokerAddr(mq);
        if (addr == null) {
            return READ_FAILED;
        }
        try {
            long offset = instance.offsetApi().queryConsumerOffset(addr, group, mq);
            if (offset >= 0) {
                updateOffset(mq, offset, false);
            }
            return offset;
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("offset of group {} for {} not read from {}: {}", group, mq, addr, e.getMessage());
            return READ_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return READ_FAILED;
        }
    }

    @Override
    public void persistAll(Set<MessageQueue> mqs) {
        for (MessageQueue mq : mqs) {
            persist(mq);
        }
    }

    @Override
    public void persist(MessageQueue mq) {
        long offset = memoryOffset(mq);
        if (offset < 0) {
            return;
        }
        try {
            updateConsumeOffsetToBroker(mq, offset, true);
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("offset {} of group {} for {} not persisted: {}", offset, group, mq, e.getMessage());
        } catch (MQClientException e) {
            LOG.debug("offset {} of group {} for {} not persisted: {}", offset, group, mq, e.getErrorMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        String addr = brokerAddr(mq);
        if (addr == null) {
            throw new MQClientException(-1, "The broker[" + mq.getBrokerName() + "] not exist");
        }
        if (isOneway) {
            instance.offsetApi().updateConsumerOffsetOneway(addr, group, mq, offset);
        } else {
            instance.offsetApi().updateConsumerOffset(addr, group, mq, offset);
        }
    }

    private String brokerAddr(MessageQueue mq) {
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        if (addr == null) {
            instance.updateTopicRoute(mq.getTopic());
            addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        }
        return addr;
    }
}
