/** HEART_BEAT body: a client's producer and consumer groups with their subscriptions. */
package io.apogee.remoting.protocol.heartbeat;
