@NullMarked
package dev.infradash.prometheus;

import org.jspecify.annotations.NullMarked;
