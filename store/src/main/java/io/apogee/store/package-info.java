/** Apogee store. */
package io.apogee.store;
