import { InspectionDetail } from './InspectionDetail';
import { InspectionForm } from './InspectionForm';
import { InspectionList } from './InspectionList';
import { useInspectionRoute } from './route';

/** 「检查」: the list, a new plan, an inspection's page, or its plan being edited — by the hash. */
export function InspectionsPage() {
  const [route, go] = useInspectionRoute();
  switch (route.view) {
    case 'list':
      return <InspectionList key={`${route.status ?? 'all'}-${route.enterpriseId ?? ''}`} status={route.status} enterpriseId={route.enterpriseId} go={go} />;
    case 'new':
      return <InspectionForm key="new" go={go} />;
    case 'detail':
      return <InspectionDetail key={route.id} id={route.id} go={go} />;
    case 'edit':
      return <InspectionForm key={`edit-${route.id}`} id={route.id} go={go} />;
    default:
      return route satisfies never;
  }
}
