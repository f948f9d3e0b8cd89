import type { Messages } from '../messages.ts';
import type { plantViews as zh } from '../zh-CN/plant-views.ts';

/** Visualization: plant layouts and the 3D plant */
export const plantViews: Messages<typeof zh> = {
  plantLayout: {
    menu: 'Plant layout',
    title: 'Plant layouts',
    create: 'New layout',
    search: 'Search by name',
    empty: 'No plant layouts yet',
    name: 'Name',
    node: 'Site / area',
    nodeHelp: 'The site or workshop the plan shows; any equipment under it can be placed',
    background: 'Floor plan',
    noBackgroundShort: 'No floor plan',
    markerCount: 'Markers',
    updatedAt: 'Updated',
    view: 'View',
    edit: 'Edit layout',
    rename: 'Rename or move to another site/area',
    backToList: 'Back to list',
    noBackground: 'Upload a floor plan (PNG, JPEG or SVG)',
    emptyLayout: 'Layout "{{name}}" has no floor plan and no markers yet',
    uploaded: 'Floor plan uploaded',
    save: 'Save',
    replaceBackground: 'Replace floor plan',
    uploadBackground: 'Upload floor plan',
    clickToPlace: 'Click the plan to place the chosen equipment (Esc to cancel)',
    editHelp:
      'Drag equipment from the list onto the plan, or click it and then the plan; drag a marker to move it, select it and press Delete to remove it',
    markerLabel: 'Marker label (optional; the equipment code by default)',
    removeMarker: 'Remove marker',
    noEquipment: 'There is no equipment under this site or area',
    searchEquipment: 'Search equipment code or name',
    placedCount: '{{placed}} of {{total}} placed',
    moreEquipment: '{{count}} more not listed; type to narrow down',
    popover: {
      code: 'Code',
      name: 'Name',
      state: 'Current state',
      reportedAt: 'Reported at',
      stale: 'controller offline, the state may be stale',
    },
    legend: {
      other: 'Other state',
      noState: 'No state data',
      noPermission: 'Running states need the telemetry data permission',
    },
  },
  plant3d: {
    menu: '3D plant',
    title: '3D plant',
    noWebGl: 'This browser cannot show the 3D view',
    noWebGlHelp:
      'The 3D plant needs WebGL 2. Turn on hardware acceleration in the browser settings, or use a recent Chrome, Edge or Firefox.',
    locate: 'Locate equipment',
    help: '{{count}} pieces of equipment · drag to orbit, right-drag to pan, wheel to zoom, click a machine for its live data',
    empty: 'The factory model has no equipment yet',
  },
};
