/** Apogee namesrv. */
package io.apogee.namesrv;
