// A row of tabs that are links (#area/tab), so a reload or a link returns to the same tab.
import { h } from './dom.js';

export function tabNav(area, tabs, currentKey, ariaLabel) {
  return h('nav', { class: 'tabs', 'aria-label': ariaLabel },
    tabs.map(([key, label]) => h('a', {
      href: `#${area}/${key}`,
      class: key === currentKey ? 'active' : '',
      'aria-current': key === currentKey ? 'page' : null,
      dataset: { tab: key },
    }, label)));
}
