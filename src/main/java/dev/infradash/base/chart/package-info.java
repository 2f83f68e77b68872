@NullMarked
package dev.infradash.base.chart;

import org.jspecify.annotations.NullMarked;
