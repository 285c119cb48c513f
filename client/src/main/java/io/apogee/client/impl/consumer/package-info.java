/** Consumer internals independent of the consumer API: process queues and pull requests. */
package io.apogee.client.impl.consumer;
