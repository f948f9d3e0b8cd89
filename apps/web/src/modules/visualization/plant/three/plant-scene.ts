import {
  AmbientLight,
  BoxGeometry,
  CanvasTexture,
  Color,
  CylinderGeometry,
  DirectionalLight,
  DynamicDrawUsage,
  InstancedMesh,
  Matrix4,
  MeshLambertMaterial,
  PerspectiveCamera,
  Quaternion,
  Raycaster,
  RingGeometry,
  Mesh,
  MeshBasicMaterial,
  Scene,
  Sprite,
  SpriteMaterial,
  Vector2,
  Vector3,
  WebGLRenderer,
  type BufferGeometry,
  type Material,
  type Texture,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { TPlantModel } from '@greenmes/contracts';
import type { PlantState } from '../hooks/use-plant-states.ts';
import { stateColor } from '../state-colors.ts';
import { layoutPlant, type PlacedEquipment } from './plant-3d-layout.ts';

export type PlantEquipment = TPlantModel['equipment'][number];

export interface SceneEvents {
  /** `at`: the pointer within the canvas */
  onHover: (equipment: PlantEquipment | null, at: { x: number; y: number }) => void;
  onSelect: (equipment: PlantEquipment) => void;
  onRendered?: () => void;
}

const WALL_HEIGHT = 1.2;
const WALL_THICKNESS = 0.3;
/** a pointer that moves less than this between down and up clicked rather than orbited */
const CLICK_SLOP_PX = 5;

/** WebGL 2 is what three.js draws with; false where the browser or its GPU policy offers none. */
export function hasWebGl(): boolean {
  try {
    return document.createElement('canvas').getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

/**
 * The 3D plant, imperative: one InstancedMesh per equipment shape (boxes, cylinders), one for hall floors,
 * walls and line strips, so 10,000 machines are a handful of draw calls. Frames are drawn on demand — when
 * the camera moves, a colour changes or the canvas resizes — never in a constant loop. `dispose` frees
 * every geometry, material, texture and the WebGL context, so opening and closing the page does not grow.
 */
export class PlantScene {
  readonly #renderer: WebGLRenderer;
  readonly #scene = new Scene();
  readonly #camera: PerspectiveCamera;
  readonly #controls: OrbitControls;
  readonly #raycaster = new Raycaster();
  readonly #geometries: BufferGeometry[] = [];
  readonly #materials: Material[] = [];
  readonly #textures: Texture[] = [];
  readonly #meshes: InstancedMesh[] = [];
  /** for each equipment mesh, the equipment of each instance */
  readonly #instances = new Map<InstancedMesh, PlacedEquipment[]>();
  readonly #slot = new Map<string, { mesh: InstancedMesh; index: number; placed: PlacedEquipment }>();
  readonly #focusRing: Mesh;
  readonly #resize: ResizeObserver;
  readonly #color = new Color();
  #frame = 0;
  #down: { x: number; y: number } | null = null;
  #hoverFrame = 0;
  #hovered: string | null = null;
  readonly #cleanup: Array<() => void> = [];
  /** frames drawn so far: a test can see rendering happens on demand, not in a loop */
  renders = 0;

  readonly container: HTMLElement;
  readonly events: SceneEvents;

  constructor(container: HTMLElement, model: TPlantModel, events: SceneEvents) {
    this.container = container;
    this.events = events;
    this.#renderer = new WebGLRenderer({ antialias: true });
    this.#renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.#renderer.setClearColor(0xf0f2f5);
    const { clientWidth: w, clientHeight: h } = container;
    this.#renderer.setSize(w, h);
    container.appendChild(this.#renderer.domElement);

    const layout = layoutPlant(model);
    const span = Math.max(layout.width, layout.depth, 20);
    this.#camera = new PerspectiveCamera(45, w / Math.max(h, 1), 0.5, span * 10);
    const center = new Vector3(layout.width / 2, 0, layout.depth / 2);
    this.#camera.position.set(center.x + span * 0.35, span * 0.75, center.z + span * 0.85);
    this.#controls = new OrbitControls(this.#camera, this.#renderer.domElement);
    this.#controls.target.copy(center);
    this.#controls.maxPolarAngle = Math.PI / 2.1; // never under the floor
    this.#controls.maxDistance = span * 4;
    this.#controls.update();
    this.#controls.addEventListener('change', this.requestRender);

    this.#scene.add(new AmbientLight(0xffffff, 1.6));
    const sun = new DirectionalLight(0xffffff, 1.8);
    sun.position.set(span * 0.3, span, span * 0.5);
    this.#scene.add(sun);

    this.#buildHalls(layout);
    this.#buildEquipment(layout.equipment);
    const ring = this.#own(new RingGeometry(1, 1.12, 48));
    ring.rotateX(-Math.PI / 2);
    this.#focusRing = new Mesh(ring, this.#own(new MeshBasicMaterial({ color: 0x000000 })));
    this.#focusRing.visible = false;
    this.#scene.add(this.#focusRing);

    this.#resize = new ResizeObserver(() => this.#fit());
    this.#resize.observe(container);
    this.#listen();
    this.requestRender();
  }

  #own<T extends BufferGeometry | Material | Texture>(thing: T): T {
    if ('isBufferGeometry' in thing) this.#geometries.push(thing as BufferGeometry);
    else if ('isMaterial' in thing) this.#materials.push(thing as Material);
    else this.#textures.push(thing as Texture);
    return thing;
  }

  /** Floors, low translucent walls and a strip under each row of machines, instanced; names as sprites. */
  #buildHalls(layout: ReturnType<typeof layoutPlant>) {
    const unitBox = this.#own(new BoxGeometry(1, 1, 1));
    const floors = new InstancedMesh(
      unitBox,
      this.#own(new MeshLambertMaterial({ color: 0xdfe4ea })),
      layout.halls.length,
    );
    const walls = new InstancedMesh(
      unitBox,
      this.#own(new MeshLambertMaterial({ color: 0x8fa3b8, transparent: true, opacity: 0.35 })),
      layout.halls.length * 4,
    );
    const strips = new InstancedMesh(
      unitBox,
      this.#own(new MeshLambertMaterial({ color: 0xc8d2dc })),
      Math.max(layout.rows.length, 1),
    );
    strips.count = layout.rows.length;
    const m = new Matrix4();
    const put = (
      mesh: InstancedMesh,
      i: number,
      x: number,
      y: number,
      z: number,
      sx: number,
      sy: number,
      sz: number,
    ) => mesh.setMatrixAt(i, m.compose(new Vector3(x, y, z), new Quaternion(), new Vector3(sx, sy, sz)));
    layout.halls.forEach((h, i) => {
      put(floors, i, h.x + h.width / 2, -0.05, h.z + h.depth / 2, h.width, 0.1, h.depth);
      const y = WALL_HEIGHT / 2;
      put(walls, i * 4, h.x + h.width / 2, y, h.z, h.width, WALL_HEIGHT, WALL_THICKNESS);
      put(walls, i * 4 + 1, h.x + h.width / 2, y, h.z + h.depth, h.width, WALL_HEIGHT, WALL_THICKNESS);
      put(walls, i * 4 + 2, h.x, y, h.z + h.depth / 2, WALL_THICKNESS, WALL_HEIGHT, h.depth);
      put(walls, i * 4 + 3, h.x + h.width, y, h.z + h.depth / 2, WALL_THICKNESS, WALL_HEIGHT, h.depth);
      this.#scene.add(
        this.#label(h.name, h.x + h.width / 2, h.z + 2, Math.min(h.width * 0.8, Math.max(24, h.width * 0.4))),
      );
    });
    layout.rows.forEach((r, i) =>
      put(strips, i, r.x + r.width / 2, 0.01, r.z + r.depth / 2, r.width, 0.02, r.depth),
    );
    // the walls are see-through: drawn after the solid things so the machines behind them show
    walls.renderOrder = 1;
    this.#scene.add(floors, strips, walls);
  }

  #label(text: string, x: number, z: number, width: number): Sprite {
    const canvas = document.createElement('canvas');
    canvas.width = 512;
    canvas.height = 96;
    const g = canvas.getContext('2d')!;
    g.font = 'bold 56px sans-serif';
    g.fillStyle = '#34495e';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, 256, 48, 500);
    const sprite = new Sprite(
      this.#own(new SpriteMaterial({ map: this.#own(new CanvasTexture(canvas)), depthWrite: false })),
    );
    const height = (width * 96) / 512;
    sprite.scale.set(width, height, 1);
    sprite.position.set(x, WALL_HEIGHT + 0.5 + height / 2, z);
    return sprite;
  }

  #buildEquipment(placed: PlacedEquipment[]) {
    const shapes = {
      box: this.#own(new BoxGeometry(1, 1, 1)),
      cylinder: this.#own(new CylinderGeometry(0.5, 0.5, 1, 20)),
    };
    const material = this.#own(new MeshLambertMaterial({ color: 0xffffff }));
    const m = new Matrix4();
    for (const kind of ['box', 'cylinder'] as const) {
      const items = placed.filter((p) => p.shape.kind === kind);
      if (!items.length) continue;
      const mesh = new InstancedMesh(shapes[kind], material, items.length);
      mesh.instanceMatrix.setUsage(DynamicDrawUsage);
      items.forEach((p, i) => {
        const { width, depth, height } = p.shape;
        mesh.setMatrixAt(
          i,
          m.compose(new Vector3(p.x, height / 2, p.z), new Quaternion(), new Vector3(width, height, depth)),
        );
        mesh.setColorAt(i, this.#color.set(stateColor(null)));
        this.#slot.set(p.equipment.id, { mesh, index: i, placed: p });
      });
      mesh.computeBoundingSphere();
      this.#meshes.push(mesh);
      this.#instances.set(mesh, items);
      this.#scene.add(mesh);
    }
  }

  /** Recolours in place: only the instance colour buffers change, then one frame is drawn. */
  setStates(states: ReadonlyMap<string, PlantState>) {
    for (const [id, slot] of this.#slot) {
      const s = states.get(id);
      this.#color.set(stateColor(s?.state));
      if (s?.isStale) this.#color.lerp(new Color(0xffffff), 0.5);
      slot.mesh.setColorAt(slot.index, this.#color);
    }
    for (const mesh of this.#meshes) if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    this.requestRender();
  }

  /** Flies the camera to a machine and rings it; false when it is not in the plant. */
  focus(equipmentId: string): boolean {
    const slot = this.#slot.get(equipmentId);
    if (!slot) return false;
    const { x, z, shape } = slot.placed;
    const size = Math.max(shape.width, shape.depth);
    this.#focusRing.scale.setScalar(size * 0.9);
    this.#focusRing.position.set(x, 0.05, z);
    this.#focusRing.visible = true;
    this.#controls.target.set(x, shape.height / 2, z);
    // steeply from above: the machines in the rows in front do not hide it
    this.#camera.position.set(x + 3 + size / 2, 16 + shape.height, z + 10 + size);
    this.#controls.update();
    this.requestRender();
    return true;
  }

  #pick(clientX: number, clientY: number): PlantEquipment | null {
    const rect = this.#renderer.domElement.getBoundingClientRect();
    const ndc = new Vector2(
      ((clientX - rect.left) / rect.width) * 2 - 1,
      -((clientY - rect.top) / rect.height) * 2 + 1,
    );
    this.#raycaster.setFromCamera(ndc, this.#camera);
    const [hit] = this.#raycaster.intersectObjects(this.#meshes, false);
    if (!hit || hit.instanceId === undefined) return null;
    return this.#instances.get(hit.object as InstancedMesh)?.[hit.instanceId]?.equipment ?? null;
  }

  #listen() {
    const canvas = this.#renderer.domElement;
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void) => {
      canvas.addEventListener(type, fn);
      this.#cleanup.push(() => canvas.removeEventListener(type, fn));
    };
    on('pointerdown', (e) => (this.#down = { x: e.clientX, y: e.clientY }));
    on('pointerup', (e) => {
      const down = this.#down;
      this.#down = null;
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP_PX) return;
      const equipment = this.#pick(e.clientX, e.clientY);
      if (equipment) this.events.onSelect(equipment);
    });
    // hover picks at most once a frame however fast the pointer moves
    on('pointermove', (e) => {
      if (this.#down) return;
      cancelAnimationFrame(this.#hoverFrame);
      this.#hoverFrame = requestAnimationFrame(() => {
        const equipment = this.#pick(e.clientX, e.clientY);
        if (!equipment && this.#hovered === null) return;
        this.#hovered = equipment?.id ?? null;
        canvas.style.cursor = equipment ? 'pointer' : 'grab';
        const rect = canvas.getBoundingClientRect();
        this.events.onHover(equipment, { x: e.clientX - rect.left, y: e.clientY - rect.top });
      });
    });
    on('pointerleave', () => {
      this.#hovered = null;
      this.events.onHover(null, { x: 0, y: 0 });
    });
  }

  #fit() {
    const { clientWidth: w, clientHeight: h } = this.container;
    if (!w || !h) return;
    this.#camera.aspect = w / h;
    this.#camera.updateProjectionMatrix();
    this.#renderer.setSize(w, h);
    this.requestRender();
  }

  /** At most one frame per animation frame, however many changes asked for one. */
  requestRender = () => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#renderer.render(this.#scene, this.#camera);
      this.renders += 1;
      this.events.onRendered?.();
    });
  };

  dispose() {
    cancelAnimationFrame(this.#frame);
    cancelAnimationFrame(this.#hoverFrame);
    this.#resize.disconnect();
    for (const off of this.#cleanup) off();
    this.#controls.removeEventListener('change', this.requestRender);
    this.#controls.dispose();
    for (const mesh of this.#scene.children) if (mesh instanceof InstancedMesh) mesh.dispose();
    for (const g of this.#geometries) g.dispose();
    for (const m of this.#materials) m.dispose();
    for (const t of this.#textures) t.dispose();
    this.#renderer.dispose();
    // browsers keep a few WebGL contexts alive; give this one back now rather than at garbage collection
    this.#renderer.forceContextLoss();
    this.#renderer.domElement.remove();
    this.#scene.clear();
    this.#slot.clear();
    this.#instances.clear();
  }
}
