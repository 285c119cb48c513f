/** Consumers: {@link io.apogee.client.consumer.DefaultMQPushConsumer} (the library pulls and calls a listener) and {@link io.apogee.client.consumer.DefaultLitePullConsumer} (the application polls). */
package io.apogee.client.consumer;
