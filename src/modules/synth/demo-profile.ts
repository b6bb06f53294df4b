/**
 * The profile of the console's demo city: the defaults, plus sex selection that surveillance should find.
 * 山亭区 (370406) has raised SRBs for second (130) and third and later births (160) throughout; 级索镇
 * (370481105) has 150 for every birth order from 2019, as a local outbreak would look. With the demo's
 * 50,000 people these show at county level and on funnel plots; a single township's monthly counts stay
 * noise, as they would in life (DOMAIN.md §5).
 */
export const DEMO_PROFILE = {
  srb: {
    natural: 105,
    rules: [
      { area: "370406", birthOrder: 2, srb: 130 },
      { area: "370406", birthOrder: 3, srb: 160 },
      { area: "370481105", fromYear: 2019, srb: 150 },
    ],
  },
} as const;
