import type { Messages } from '../messages.ts';
import type { energyCost as zh } from '../zh-CN/energy-cost.ts';

export const energyCost: Messages<typeof zh> = {
  energyCost: {
    title: 'Energy cost',
    totalCost: 'Total cost (CNY)',
    totalCostHelp: 'Energy and basic charges of the level-1 (incomer) meters',
    metersCosted: 'Meters costed',
    metersCount: '{{costed}} / {{total}}',
    meterCode: 'Code',
    meterName: 'Name',
    area: 'Area',
    medium: 'Medium',
    level: 'Level',
    levelValue: 'Level {{level}}',
    quantity: 'Quantity',
    energyCost: 'Energy cost (CNY)',
    basicCost: 'Basic charges (CNY)',
    total: 'Total (CNY)',
    averagePrice: 'Average price (CNY/unit)',
    peakShare: 'Peak share',
    valleyShare: 'Valley share',
    maxDemand: 'Max demand (kW)',
    note: 'Note',
    uncosted: '{{quantity}} {{unit}} on days no plan covers, not costed',
    tableTitle: 'Cost per meter',
    chartTitle: 'Electricity cost by time-of-use period (CNY)',
    noElectricity: 'No costed electricity meter in this period',
    empty: 'No level-1 or level-2 meters yet, or no consumption in the period.',
    tariffsLink: 'Manage tariff plans',
  },
};
