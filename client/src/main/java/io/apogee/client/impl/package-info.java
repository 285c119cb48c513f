/** The client instance shared per client id: routes, heartbeats, rebalancing, broker-to-client requests. */
package io.apogee.client.impl;
