import { useEffect, useState } from 'react';

export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

function fit() {
  const { innerWidth: w, innerHeight: h } = window;
  const scale = Math.min(w / DESIGN_WIDTH, h / DESIGN_HEIGHT);
  // letterboxed: the spare width or height is split evenly on both sides
  return { scale, x: (w - DESIGN_WIDTH * scale) / 2, y: (h - DESIGN_HEIGHT * scale) / 2 };
}

/** The transform that fits the 1920 × 1080 design into the window, kept current on resize. */
export function useFitScale() {
  const [value, setValue] = useState(fit);
  useEffect(() => {
    const onResize = () => setValue(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return value;
}
