/** Consumer offset stores: broker-side for clustering, a local file for broadcasting. */
package io.apogee.client.consumer.store;
