/** How a consumer group consumes: model (clustering, broadcasting), type, where a new group starts, subscriptions. */
package io.apogee.common.consumer;
