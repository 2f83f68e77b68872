@NullMarked
package dev.infradash.base;

import org.jspecify.annotations.NullMarked;
