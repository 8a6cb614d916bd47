/**
 * What other parts of the server may use of the REX feature: the demo data writes its learning
 * design, plans the REX from it and names the circles it reviews. (The surveys feature will give
 * the reviews their `surveys`, through its own public module.)
 */
export { createDesign, scheduleDesign } from './learning-designs.commands.ts';
export { writeReviewedCircles } from './reviewed-circles.ts';
