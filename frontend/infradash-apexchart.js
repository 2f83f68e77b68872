/*
 * <infradash-apexchart>: one ApexCharts instance per element, driven by dev.infradash.ui.chart.ApexChart.
 *
 * The server sends JSON data only (never code). The element keeps the last configuration and the
 * series it was given, so calls made before the chart exists (not yet connected, or still
 * rendering) are not lost: the chart is created from that state when connected, and destroyed
 * when disconnected (a Flow detach). Formatters are functions, which JSON cannot carry: the
 * server names a unit and this file maps it to a formatter.
 */
import ApexCharts from 'apexcharts';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function bytes(value) {
  let unit = 0;
  let scaled = value;
  while (Math.abs(scaled) >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return unit === 0 ? `${scaled.toFixed(0)} B` : `${scaled.toFixed(Math.abs(scaled) < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

const BIT_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];

/** Bits per second with decimal prefixes, as network links are sold: 1 Gbit/s = 10^9 bit/s. */
function bitsPerSecond(value) {
  let unit = 0;
  let scaled = value;
  while (Math.abs(scaled) >= 1000 && unit < BIT_UNITS.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return unit === 0 ? `${scaled.toFixed(0)} bit/s` : `${scaled.toFixed(Math.abs(scaled) < 10 ? 1 : 0)} ${BIT_UNITS[unit]}`;
}

/** Whole numbers plainly; small fractions with `digits` decimals; the rest rounded. */
function plain(value, digits) {
  const v = Number(value);
  return Number.isInteger(v) || Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(digits);
}

/** Unit name (Java enum ApexChart.Unit) to formatter. Null/undefined values are gaps. */
const FORMATTERS = {
  NONE: (v) => plain(v, 2),
  PERCENT: (v) => `${plain(v, 1)} %`,
  BYTES: (v) => bytes(v),
  BYTES_PER_SECOND: (v) => `${bytes(v)}/s`,
  BITS_PER_SECOND: (v) => bitsPerSecond(v),
  CELSIUS: (v) => `${plain(v, 0)} °C`,
  WATTS: (v) => `${plain(v, 0)} W`,
};

function formatter(unit) {
  const format = FORMATTERS[unit] || FORMATTERS.NONE;
  return (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : format(v));
}

/** ApexCharts writes series names into innerHTML (legend, tooltip): make them text. */
function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/* Lumo dark is the theme="dark" attribute on <html> or <body> (UI.getElement().getThemeList()). */
function isDark() {
  const has = (el) => !!el && (el.getAttribute('theme') || '').split(/\s+/).includes('dark');
  return has(document.documentElement) || has(document.body);
}

const connectedCharts = new Set();
const themeObserver = new MutationObserver(() => connectedCharts.forEach((chart) => chart._applyTheme()));
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
if (document.body) {
  themeObserver.observe(document.body, { attributes: true, attributeFilter: ['theme'] });
} else {
  document.addEventListener('DOMContentLoaded', () =>
    themeObserver.observe(document.body, { attributes: true, attributeFilter: ['theme'] }));
}

const THEME = {
  light: { foreColor: '#373d3f', gridColor: '#e0e0e0' },
  dark: { foreColor: '#c8ccd2', gridColor: '#3a4250' },
};

class InfradashApexChart extends HTMLElement {
  constructor() {
    super();
    this._config = null; // last setOptions() payload (ApexCharts options + "infradash" extension)
    this._series = [];   // [{name, data: [[x, y], ...]}], the client copy that appendPoints() extends
    this._chart = null;  // the ApexCharts instance while connected
    this._ready = null;  // render() promise of that instance
    this._mode = null;   // theme mode the instance was built with
    this._resetting = false;
    const root = this.attachShadow({ mode: 'open' });
    // ApexCharts observes the parent of its element for resizes: give it a real element parent.
    root.innerHTML = `<style>
        :host { display: block; width: 100%; min-width: 0; box-sizing: border-box; }
        .wrap, .chart { width: 100%; height: 100%; }
      </style><div class="wrap" part="wrap"><div class="chart" part="chart"></div></div>`;
    this._el = root.querySelector('.chart');
  }

  /** The live ApexCharts instance (null when disconnected); for tests and debugging. */
  get chart() {
    return this._chart;
  }

  connectedCallback() {
    connectedCharts.add(this);
    this._create();
  }

  disconnectedCallback() {
    connectedCharts.delete(this);
    this._destroy();
  }

  /** Full configuration: ApexCharts options (JSON) with series and an "infradash" extension. */
  setOptions(json) {
    const config = JSON.parse(json);
    this._series = this._cleanSeries(config.series || []);
    delete config.series;
    this._config = config;
    if (!this._chart) {
      this._create();
    } else {
      this._whenReady((chart) => chart.updateOptions(this._apexOptions(), true, false, false));
    }
  }

  /** Replaces all series: [{name, data: [[epochMillis, value|null], ...]}]. */
  updateSeries(json) {
    this._series = this._cleanSeries(JSON.parse(json));
    this._whenReady((chart) => chart.updateSeries(this._displaySeries(), false));
  }

  /**
   * Appends points to series by name: {series: [{name, data}], retentionMillis}. Points not newer
   * than a series' last point are ignored (so a repeated call is harmless); afterwards points older
   * than (newest x - retentionMillis) are dropped so a live chart does not grow forever.
   */
  appendPoints(json) {
    const { series = [], retentionMillis } = JSON.parse(json);
    for (const added of this._cleanSeries(series)) {
      let target = this._series.find((s) => s.name === added.name);
      if (!target) {
        target = { name: added.name, data: [] };
        this._series.push(target);
      }
      const last = target.data.length ? target.data[target.data.length - 1][0] : -Infinity;
      for (const point of added.data) {
        if (point[0] > last) {
          target.data.push(point);
        }
      }
    }
    if (retentionMillis !== undefined && retentionMillis !== null) {
      let newest = -Infinity;
      this._series.forEach((s) => s.data.forEach((p) => { newest = Math.max(newest, p[0]); }));
      const cutoff = newest - retentionMillis;
      this._series.forEach((s) => { s.data = s.data.filter((p) => p[0] >= cutoff); });
    }
    this._whenReady((chart) => chart.updateSeries(this._displaySeries(), false));
  }

  _cleanSeries(series) {
    return series.map((s) => ({ name: String(s.name), data: (s.data || []).map((p) => [p[0], p[1]]) }));
  }

  _displaySeries() {
    const ext = (this._config && this._config.infradash) || {};
    if (ext.kind === 'GAUGE') {
      const min = ext.gaugeMin ?? 0;
      const max = ext.gaugeMax ?? 100;
      const value = ext.gaugeValue;
      const percent = value === null || value === undefined || max <= min
        ? 0 : Math.max(0, Math.min(100, ((value - min) / (max - min)) * 100));
      return [percent];
    }
    return this._series.map((s) => ({ name: escapeHtml(s.name), data: s.data.map((p) => [p[0], p[1]]) }));
  }

  _apexOptions() {
    const config = JSON.parse(JSON.stringify(this._config));
    const ext = config.infradash || {};
    delete config.infradash;
    const format = formatter(ext.unit);
    const mode = isDark() ? 'dark' : 'light';
    this._mode = mode;
    const dispatch = (type, detail) =>
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: false, composed: false }));

    config.chart = config.chart || {};
    config.chart.foreColor = THEME[mode].foreColor;
    config.chart.fontFamily = getComputedStyle(this).fontFamily || undefined;
    config.chart.events = {
      zoomed: (ctx, { xaxis }) => {
        if (this._resetting) {
          this._resetting = false;
          return;
        }
        if (xaxis && Number.isFinite(xaxis.min) && Number.isFinite(xaxis.max)) {
          dispatch('infradash-zoom', { min: Math.round(xaxis.min), max: Math.round(xaxis.max) });
        }
      },
      beforeResetZoom: () => {
        this._resetting = true;
        dispatch('infradash-zoom-reset', {});
        return undefined;
      },
    };
    config.theme = Object.assign({}, config.theme, { mode });
    config.tooltip = Object.assign({}, config.tooltip, { theme: mode });
    config.grid = Object.assign({}, config.grid, { borderColor: THEME[mode].gridColor });
    config.series = this._displaySeries();

    if (ext.kind === 'GAUGE') {
      const value = ext.gaugeValue;
      const radial = ((config.plotOptions = config.plotOptions || {}).radialBar = config.plotOptions.radialBar || {});
      radial.dataLabels = radial.dataLabels || {};
      radial.dataLabels.value = Object.assign({}, radial.dataLabels.value, { formatter: () => format(value) });
    } else {
      config.yaxis = (config.yaxis || [{}]).map((y) =>
        Object.assign({}, y, { labels: Object.assign({}, y.labels, { formatter: format }) }));
      config.tooltip.y = { formatter: format };
      config.tooltip.x = Object.assign({ format: 'dd MMM HH:mm:ss' }, config.tooltip.x);
    }
    return config;
  }

  _create() {
    if (this._chart || !this._config || !this.isConnected) {
      return;
    }
    const chart = new ApexCharts(this._el, this._apexOptions());
    this._chart = chart;
    this._ready = chart.render()
      .catch((e) => console.error('infradash-apexchart: render failed', e))
      .then(() => chart);
  }

  _whenReady(action) {
    const chart = this._chart;
    if (!chart) {
      return; // state is kept; _create() uses it when connected
    }
    this._ready = this._ready
      .then(() => (this._chart === chart ? action(chart) : undefined))
      .catch((e) => console.error('infradash-apexchart', e))
      .then(() => chart);
  }

  _applyTheme() {
    const mode = isDark() ? 'dark' : 'light';
    if (this._chart && this._config && mode !== this._mode) {
      this._whenReady((chart) => chart.updateOptions(this._apexOptions(), true, false, false));
    }
  }

  _destroy() {
    const chart = this._chart;
    this._chart = null;
    this._ready = null;
    this._mode = null;
    if (chart) {
      chart.destroy();
    }
    this._el.replaceChildren();
  }
}

if (!customElements.get('infradash-apexchart')) {
  customElements.define('infradash-apexchart', InfradashApexChart);
}
